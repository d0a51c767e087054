import type { Envelope, Fetched, SyncOutcome, SyncRequested } from '@subsync/domain';
import type { SubscriptionRef, SyncStore } from '@subsync/persistence';

export interface FetchContext {
  /** Aborted when the sync's upstream deadline passes; retries stop then. */
  signal: AbortSignal;
  /** Sent upstream so a request can be traced there (the request's correlation id). */
  trackId: string;
  /**
   * Nobody waits for this sync (every request it answers is a backfill's or the sweep's): its
   * upstream calls queue behind other syncs' for the tenant's request slots.
   */
  background: boolean;
  /**
   * The stored subscription the request's ref named when it was fetched from Kafka (null: none);
   * undefined when that is not known and the provider must look it up.
   */
  subscription?: SubscriptionRef | null;
}

export interface ApplyContext {
  /** The time the domain rules see (today's date, what is in the future). */
  now: Date;
  /** When this transaction began, on the database's clock: what the snapshots' `appliedAt` becomes. */
  transactionStartedAt: Date;
}

/** One snapshot to apply, and when its fetch began (on the database's clock). */
export interface ApplyItem<TSnapshot> {
  snapshot: TSnapshot;
  fetchStartedAt: Date;
}

/**
 * Applies snapshots of one provider to the local records, inside the transaction that also
 * records the outcomes.
 */
export interface SyncWriter<TSnapshot> {
  /**
   * Applies several snapshots (of different subscriptions) through the store of the caller's
   * transaction, and says how each ended, in order: an outcome, or a {@link StaleSnapshotError}
   * when another sync committed after its fetch began (nothing of it is written then; it is
   * fetched again).
   */
  applyAll(
    store: SyncStore,
    items: readonly ApplyItem<TSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]>;
}

/**
 * One provider's part of a sync: fetch what the request names (outside any transaction); its
 * writer applies it.
 */
export interface SyncProvider<TSnapshot> {
  /** The envelope `source` of the outcomes this provider's service publishes. */
  readonly source: string;
  fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<Fetched<TSnapshot>>;
  readonly writer: SyncWriter<TSnapshot>;
}

/** The snapshot may be older than what is stored; the sync fetches again. */
export class StaleSnapshotError extends Error {
  constructor(reason: string) {
    super(`stale snapshot: ${reason}`);
    this.name = 'StaleSnapshotError';
  }
}
