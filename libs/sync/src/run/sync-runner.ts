import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  coalesceRequests,
  type Envelope,
  failedOutcome,
  type Fetched,
  fetchFailed,
  isBackgroundTrigger,
  PROVIDER_REGISTRY,
  type SyncRequested,
} from '@subsync/domain';
import { Clock, type MessageGroup } from '@subsync/messaging';
import { syncMetrics } from '@subsync/metrics';
import { type SubscriptionRef, SyncUnitOfWork } from '@subsync/persistence';
import type { RequestLookup, SyncRequestLookups } from '../routing/sync-request-lookups';
import { BatchApplier } from './batch-applier';
import type { SyncProvider } from './sync-provider';

export interface SyncRunnerOptions {
  /** How long one sync's upstream calls may take in all, retries included. */
  upstreamDeadlineMs: number;
  /** What the consumer looked up when it fetched the requests (see syncRequestRouting). */
  lookups?: SyncRequestLookups;
}

export const SYNC_RUNNER_OPTIONS = Symbol('SYNC_RUNNER_OPTIONS');

/** A snapshot found stale is fetched again at most this many times before the sync fails. */
const MAX_FETCHES = 4;

/**
 * Runs the sync requests that waited for one subscription (one ordering key): the requests
 * already processed are dropped, the rest are coalesced, and each coalesced set is served by
 * one sync: fetch outside any transaction, then write the snapshot with the outcome of every
 * request it answers (claimed in the inbox, Events closed, `sync.completed.v1` queued), in a
 * transaction it may share with other syncs (see {@link BatchApplier}).
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger(SyncRunner.name);
  private readonly applier: BatchApplier;

  constructor(
    private readonly unitOfWork: SyncUnitOfWork,
    clock: Clock,
    @Inject(SYNC_RUNNER_OPTIONS) private readonly options: SyncRunnerOptions,
  ) {
    this.applier = new BatchApplier(unitOfWork, clock, {
      maxBatch: 64,
      maxConcurrent: 2,
    });
  }

  /**
   * `providerOf` names the provider that serves a request, or null for a request this service
   * does not handle (another provider's).
   */
  async run(
    group: MessageGroup<SyncRequested>,
    providerOf: (request: SyncRequested) => SyncProvider<unknown> | null,
  ): Promise<void> {
    const requests = group.messages
      .map((message) => message.envelope)
      .filter((request) => providerOf(request.data) !== null);
    if (requests.length === 0) return;
    const ids = requests.map((request) => request.id);
    const known = this.options.lookups?.take(ids) ?? new Map<string, RequestLookup>();
    let processed: Set<string>;
    if (known.size === ids.length) {
      processed = new Set(ids.filter((id) => known.get(id)!.processed));
    } else {
      // Not looked up when fetched (or forgotten since): ask now.
      processed = await this.unitOfWork.reads.processedAmong(ids);
    }
    const pending = requests.filter((request) => !processed.has(request.id));
    for (const requestsOfOneSync of coalesceRequests(pending, (request) => request.data)) {
      const leader = requestsOfOneSync[0]!;
      await this.serve(
        requestsOfOneSync,
        providerOf(leader.data)!,
        known.get(leader.id)?.subscription,
      );
    }
  }

  private async serve(
    requests: Envelope<SyncRequested>[],
    provider: SyncProvider<unknown>,
    subscription: SubscriptionRef | null | undefined,
  ): Promise<void> {
    const leader = requests[0]!;
    const startedAt = performance.now();
    const ended = syncMetrics.started(leader.data.provider);
    try {
      for (let fetches = 1; ; fetches += 1) {
        // Read before the upstream calls: a sync that commits after it makes this snapshot stale.
        const fetchStartedAt = await this.databaseNow();
        const fetched = await this.fetch(
          provider,
          leader,
          fetches === 1 ? subscription : undefined,
          requests.every((request) => isBackgroundTrigger(request.data.trigger)),
        );
        const pending = { requests, provider, fetched, fetchStartedAt, startedAt };
        const result = await this.applier.submit(pending);
        if (result === 'done') return;
        if (fetches >= MAX_FETCHES) {
          this.logger.warn(
            `${leader.data.ref}: ${result.message}; giving up after ${fetches} fetches`,
          );
          await this.applier.submit({
            ...pending,
            outcome: failedOutcome('STALE_SNAPSHOT', `Not applied: ${result.message}`),
          });
          return;
        }
      }
    } finally {
      ended();
    }
  }

  /** The upstream calls, bounded by the deadline; a deadline that passes is an honest failure. */
  private async fetch(
    provider: SyncProvider<unknown>,
    request: Envelope<SyncRequested>,
    subscription: SubscriptionRef | null | undefined,
    background: boolean,
  ): Promise<Fetched<unknown>> {
    const signal = AbortSignal.timeout(this.options.upstreamDeadlineMs);
    const fetching = provider.fetch(request, {
      signal,
      trackId: request.correlationId,
      background,
      ...(subscription === undefined ? {} : { subscription }),
    });
    // The outcome is decided at the deadline, even if a client notices the abort only after a
    // backoff wait of its own; whatever it does afterwards is not awaited, and not applied.
    fetching.catch(() => undefined);
    let onAbort = (): void => undefined;
    const deadline = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Error('deadline'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fetching, deadline]);
    } catch (error) {
      if (!signal.aborted) throw error;
      const seconds = Math.round(this.options.upstreamDeadlineMs / 1000);
      return fetchFailed(
        'UPSTREAM_DEADLINE',
        `${PROVIDER_REGISTRY[request.data.provider].displayName} did not answer within ${seconds} s (retries included)`,
      );
    } finally {
      // The signal lives until its timer fires; a listener left on it would keep this sync's
      // snapshot (through the race) in memory until then.
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** The database's clock now: estimated from the last lookup's reading when there is a recent one. */
  private async databaseNow(): Promise<Date> {
    const estimate = this.options.lookups?.databaseNow();
    if (estimate) return estimate;
    return this.unitOfWork.reads.databaseNow();
  }
}
