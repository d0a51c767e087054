import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Envelope, type SyncRequested, Topics, type ZuoraSnapshot } from '@subsync/domain';
import {
  Clock,
  InboxTypeOrm,
  OutboxTypeOrm,
  recordSyncOutcome,
  type SyncOutcome,
} from '@subsync/messaging';
import { findSubscriptionByAnyId } from '@subsync/persistence';
import { ZuoraApiError, ZuoraClient } from '@subsync/zuora-client';
import { ZuoraSubscriptionWriter } from './zuora-subscription.writer';

type Fetched = { ok: true; snapshot: ZuoraSnapshot } | { ok: false; outcome: SyncOutcome };

/**
 * Syncs one subscription from Zuora: resolve the id, fetch the subscription and its account,
 * reconcile and persist in one transaction, and announce the outcome through the outbox.
 */
@Injectable()
export class SyncZuoraSubscriptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly zuora: ZuoraClient,
    private readonly inbox: InboxTypeOrm,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
    private readonly writer: ZuoraSubscriptionWriter,
  ) {}

  async execute(request: Envelope<SyncRequested>): Promise<void> {
    if (await this.inbox.isProcessed(this.dataSource.manager, request.id)) return;
    // Upstream calls happen outside the transaction, so no row is locked while Zuora answers.
    const fetched = await this.fetch(request);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, request.id, Topics.syncRequested))) return;
      const now = this.clock.now();
      const outcome = fetched.ok
        ? await this.writer.apply(manager, fetched.snapshot, now)
        : fetched.outcome;
      await recordSyncOutcome(manager, this.outbox, {
        request,
        eventType: 'sync',
        source: 'zuora-sync',
        now,
        outcome,
      });
    });
    this.outbox.notifyCommitted();
  }

  private async fetch(request: Envelope<SyncRequested>): Promise<Fetched> {
    const { ref, scope } = request.data;
    if (scope !== 'subscription') {
      return failed('UNSUPPORTED_SCOPE', `Zuora sync does not support scope '${scope}' yet`);
    }
    const local = await findSubscriptionByAnyId(this.dataSource.manager, ref);
    if (local === null && ref.startsWith('sub-')) {
      return failed('NOT_FOUND', `No subscription ${ref} exists on the platform`);
    }
    if (local !== null && local.source !== 'zuora') {
      return failed(
        'WRONG_PROVIDER',
        `Subscription ${ref} is billed by ${local.source}, not Zuora`,
      );
    }
    const key = local?.zuoraSubscriptionNumber ?? ref;
    const trackId = request.correlationId;
    try {
      const subscription = await this.zuora.getSubscription(key, { trackId });
      const account = await this.zuora.getAccount(subscription.accountNumber, { trackId });
      return { ok: true, snapshot: { subscription, account } };
    } catch (error) {
      if (!(error instanceof ZuoraApiError)) throw error;
      const message =
        error.code === 'NOT_FOUND'
          ? `Zuora has no subscription '${key}': ${error.message}`
          : `Zuora request failed: ${error.message}`;
      return failed(`ZUORA_${error.code}`, message);
    }
  }
}

function failed(code: string, message: string): Fetched {
  return {
    ok: false,
    outcome: { status: 'failed', subscriptionId: null, ownerId: null, error: { code, message } },
  };
}
