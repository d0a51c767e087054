import type { EntityManager } from 'typeorm';
import type { Envelope, Fetched, SyncOutcome, SyncRequested } from '@subsync/domain';

export interface FetchContext {
  /** Aborted when the sync's upstream deadline passes; retries stop then. */
  signal: AbortSignal;
  /** Sent upstream so a request can be traced there (the request's correlation id). */
  trackId: string;
}

export interface ApplyContext {
  /** The time the domain rules see (today's date, what is in the future). */
  now: Date;
  /** When the fetch began, on the database's clock. */
  fetchStartedAt: Date;
  /** When this transaction began, on the database's clock: what the snapshot's `appliedAt` becomes. */
  transactionStartedAt: Date;
}

/**
 * One provider's part of a sync: fetch what the request names (outside any transaction), and
 * apply it to the local records inside the transaction that also records the outcome.
 */
export interface SyncProvider<TSnapshot> {
  /** The envelope `source` of the outcomes this provider's service publishes. */
  readonly source: string;
  fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<Fetched<TSnapshot>>;
  /** Throws {@link StaleSnapshotError} when another sync committed after the fetch began. */
  apply(manager: EntityManager, snapshot: TSnapshot, context: ApplyContext): Promise<SyncOutcome>;
}

/** The snapshot may be older than what is stored; the sync fetches again. */
export class StaleSnapshotError extends Error {
  constructor(reason: string) {
    super(`stale snapshot: ${reason}`);
    this.name = 'StaleSnapshotError';
  }
}
