import type { ZuoraBackfillFilter } from '@subsync/domain';
import type { BackfillPage, SubscriptionListers } from '@subsync/sync';
import type { ZuoraClient } from '@subsync/zuora-client';

/** Where a Zuora backfill goes on: Object Query's cursor of the next page. */
interface ZuoraCheckpoint {
  cursor: string;
}

/** Guards a sweep against a server whose pages never end (99 rows each). */
const MAX_SWEEP_PAGES = 10_000;

/**
 * Zuora's subscriptions through Object Query (its own concurrency budget, apart from the `/v1`
 * one live syncs use): a backfill in subscription-number order, so the cursor stays valid while
 * subscriptions change; a sweep in `updatedDate` order from the high-water mark.
 */
export function zuoraSubscriptionListers(client: ZuoraClient): SubscriptionListers {
  return {
    backfill: {
      async page(filter, checkpoint): Promise<BackfillPage> {
        const { updatedSince, accounts } = filter as ZuoraBackfillFilter;
        const cursor = (checkpoint as ZuoraCheckpoint | null)?.cursor;
        const page = await client.listSubscriptionsPage({
          order: 'name',
          ...(updatedSince === undefined ? {} : { updatedSince: new Date(updatedSince) }),
          ...(accounts === undefined ? {} : { accountIds: accounts }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        return {
          refs: page.subscriptions.map((sub) => sub.number),
          checkpoint: page.nextPage === null ? null : { cursor: page.nextPage },
          done: page.nextPage === null,
        };
      },
    },
    changes: {
      async changedSince(since) {
        const refs: string[] = [];
        let newest: Date | null = null;
        let cursor: string | undefined;
        for (let n = 0; n < MAX_SWEEP_PAGES; n += 1) {
          const page = await client.listSubscriptionsPage({
            order: 'updatedDate',
            updatedSince: since,
            ...(cursor === undefined ? {} : { cursor }),
          });
          for (const sub of page.subscriptions) {
            refs.push(sub.number);
            const updated = sub.updatedDate === null ? null : new Date(sub.updatedDate);
            if (
              updated !== null &&
              !Number.isNaN(updated.getTime()) &&
              (newest === null || updated > newest)
            )
              newest = updated;
          }
          if (page.nextPage === null) break;
          cursor = page.nextPage;
        }
        return { refs, newest };
      },
    },
  };
}
