import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Envelope, eventTypeOfTrigger, type SyncRequested, Topics } from '@subsync/domain';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { OutboxTypeOrm } from '../outbox/outbox-typeorm';
import { Clock } from '../runtime/clock';
import { recordSyncOutcome, type SyncOutcome } from './sync-outcome.recorder';

/** What a provider fetched: a snapshot to apply, or an outcome decided without writing anything. */
export type Fetched<TSnapshot> =
  { ok: true; snapshot: TSnapshot } | { ok: false; outcome: SyncOutcome };

export function fetchFailed(code: string, message: string): Fetched<never> {
  return {
    ok: false,
    outcome: { status: 'failed', subscriptionId: null, ownerId: null, error: { code, message } },
  };
}

export interface SyncSteps<TSnapshot> {
  /** The service reporting the outcome (the envelope's `source`). */
  source: string;
  /** Upstream calls; they run outside the transaction, so no row is locked meanwhile. */
  fetch: () => Promise<Fetched<TSnapshot>>;
  /** Writes the snapshot; runs inside the transaction that also records the outcome. */
  apply: (manager: EntityManager, snapshot: TSnapshot, now: Date) => Promise<SyncOutcome>;
}

/**
 * The frame every provider sync runs in: skip a message already processed, fetch, then in one
 * transaction claim the inbox, apply, close the Event and queue `sync.completed.v1`.
 */
@Injectable()
export class SyncRequestRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxTypeOrm,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
  ) {}

  async run<TSnapshot>(
    request: Envelope<SyncRequested>,
    steps: SyncSteps<TSnapshot>,
  ): Promise<void> {
    if (await this.inbox.isProcessed(this.dataSource.manager, request.id)) return;
    const fetched = await steps.fetch();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, request.id, Topics.syncRequested))) return;
      const now = this.clock.now();
      const outcome = fetched.ok
        ? await steps.apply(manager, fetched.snapshot, now)
        : fetched.outcome;
      await recordSyncOutcome(manager, this.outbox, {
        request,
        eventType: eventTypeOfTrigger(request.data.trigger),
        source: steps.source,
        now,
        outcome,
      });
    });
    this.outbox.notifyCommitted();
  }
}
