import type { StripeClient } from '@subsync/stripe-client';
import type { StripeBackfillFilter } from '@subsync/domain';
import type { BackfillPage, SubscriptionListers } from '@subsync/sync';

/**
 * Where a Stripe backfill goes on: the customer it is listing (an index into the filter's
 * customers; 0 without them) and the last subscription id listed (`starting_after`).
 */
interface StripeCheckpoint {
  customer: number;
  startingAfter: string | null;
}

const MAX_SWEEP_PAGES = 10_000;

/**
 * Stripe's subscriptions: a backfill pages `GET /v1/subscriptions?status=all` with
 * `starting_after` (per customer when the filter names customers); a sweep pages the
 * `customer.subscription.*` events since the high-water mark.
 */
export function stripeSubscriptionListers(client: StripeClient): SubscriptionListers {
  return {
    backfill: {
      async page(filter, checkpoint): Promise<BackfillPage> {
        const { createdFrom, createdTo, customers } = filter as StripeBackfillFilter;
        const at = (checkpoint as StripeCheckpoint | null) ?? { customer: 0, startingAfter: null };
        const customer = customers?.[at.customer];
        const page = await client.listSubscriptionsPage({
          ...(createdFrom === undefined ? {} : { createdFrom: new Date(createdFrom) }),
          ...(createdTo === undefined ? {} : { createdTo: new Date(createdTo) }),
          ...(customer === undefined ? {} : { customer }),
          ...(at.startingAfter === null ? {} : { startingAfter: at.startingAfter }),
        });
        const last = page.subscriptions.at(-1)?.id ?? null;
        const refs = page.subscriptions.map((sub) => sub.id);
        if (page.hasMore && last !== null) {
          return { refs, checkpoint: { customer: at.customer, startingAfter: last }, done: false };
        }
        const nextCustomer = at.customer + 1;
        const done = customers === undefined || nextCustomer >= customers.length;
        return {
          refs,
          checkpoint: done ? null : { customer: nextCustomer, startingAfter: null },
          done,
        };
      },
    },
    changes: {
      async changedSince(since) {
        const refs: string[] = [];
        let newest: Date | null = null;
        let startingAfter: string | undefined;
        for (let n = 0; n < MAX_SWEEP_PAGES; n += 1) {
          const page = await client.listSubscriptionEventsPage({
            createdFrom: since,
            ...(startingAfter === undefined ? {} : { startingAfter }),
          });
          for (const event of page.events) {
            refs.push(event.subscription);
            if (newest === null || event.created > newest) newest = event.created;
          }
          if (!page.hasMore || page.lastId === null) break;
          startingAfter = page.lastId;
        }
        return { refs, newest };
      },
    },
  };
}
