import type { BackfillFilter } from '@subsync/domain';

/** One page of a backfill's listing. */
export interface BackfillPage {
  /** The refs to sync (a Zuora subscription number, a Stripe subscription id). */
  refs: string[];
  /** Where the next page starts; saved with the page's syncs. */
  checkpoint: unknown;
  /** True on the last page. */
  done: boolean;
}

/** How a provider lists its subscriptions for a backfill, page by page from a checkpoint. */
export interface BackfillLister {
  page(filter: BackfillFilter, checkpoint: unknown): Promise<BackfillPage>;
}

/** How a provider lists what changed upstream, for the reconcile sweep. */
export interface ChangeLister {
  /** The refs changed at or after `since`, and the newest change time among them (null: none). */
  changedSince(since: Date): Promise<{ refs: string[]; newest: Date | null }>;
}

/** What a provider service gives the backfill runner and the reconcile sweep. */
export interface SubscriptionListers {
  backfill: BackfillLister;
  changes: ChangeLister;
}
