import type { Envelope, SyncRequested } from '@subsync/domain';
import type { SubscriptionRef, SyncReads } from '@subsync/persistence';

/** What was known about one request when it was fetched from Kafka. */
export interface RequestLookup {
  processed: boolean;
  /** The stored subscription its ref named then; null when it named none. */
  subscription: SubscriptionRef | null;
}

/** Entries not taken within this long (a consumer restart, a dropped partition) are forgotten. */
const ENTRY_LIFETIME_MS = 120_000;

/**
 * Looks up, for each fetched chunk of sync requests and in one round trip, what running them
 * needs: the subscription each names (which gives its ordering key), whether it was processed
 * already, and the database's clock. The runner takes the answers instead of asking again.
 */
export class SyncRequestLookups {
  private readonly entries = new Map<string, RequestLookup & { at: number }>();
  /** The last clock reading: the database's time, and this process's time when the answer arrived. */
  private clock: { database: number; local: number } | null = null;

  constructor(private readonly reads: Pick<SyncReads, 'lookUpSyncRequests'>) {}

  /** Looks the requests up; returns the subscription each names, by ref. */
  async lookUp(
    requests: readonly Envelope<SyncRequested>[],
  ): Promise<Map<string, SubscriptionRef>> {
    const found = await this.reads.lookUpSyncRequests(
      requests.filter((r) => r.data.scope === 'subscription').map((r) => r.data.ref),
      requests.map((request) => request.id),
    );
    const local = performance.now();
    this.clock = { database: found.checkedAt.getTime(), local };
    this.forgetOld(local);
    for (const request of requests) {
      this.entries.set(request.id, {
        processed: found.processed.has(request.id),
        subscription:
          request.data.scope === 'subscription'
            ? (found.subscriptions.get(request.data.ref) ?? null)
            : null,
        at: local,
      });
    }
    return found.subscriptions;
  }

  /** The answers about these requests (and forgets them); a request not looked up is absent. */
  take(ids: readonly string[]): Map<string, RequestLookup> {
    const taken = new Map<string, RequestLookup>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      this.entries.delete(id);
      taken.set(id, { processed: entry.processed, subscription: entry.subscription });
    }
    return taken;
  }

  /**
   * The database's time now, from the last reading and the time elapsed here since its answer
   * arrived: never later than the database's real time, which is what judging stale snapshots
   * needs (an earlier time only makes a sync fetch again). Null without a recent reading.
   */
  databaseNow(): Date | null {
    if (this.clock === null) return null;
    const elapsed = performance.now() - this.clock.local;
    return elapsed > 10_000 ? null : new Date(this.clock.database + elapsed);
  }

  private forgetOld(now: number): void {
    for (const [id, entry] of this.entries) {
      if (now - entry.at <= ENTRY_LIFETIME_MS) break; // oldest first: the rest are younger
      this.entries.delete(id);
    }
  }
}
