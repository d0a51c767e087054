import type { z } from 'zod';
import { pageSchema } from '../http/page.schema';
import { subscriptionViewSchema } from './subscription.view';

/** One row of the subscription list: the read model's headline fields. */
export const subscriptionSummaryViewSchema = subscriptionViewSchema
  .pick({
    id: true,
    reference: true,
    status: true,
    source: true,
    termStart: true,
    termEnd: true,
    lastSyncedAt: true,
  })
  .extend({
    customer: subscriptionViewSchema.shape.customer.pick({ name: true, email: true }).nullable(),
  });
export type SubscriptionSummaryView = z.infer<typeof subscriptionSummaryViewSchema>;

export const subscriptionPageSchema = pageSchema(subscriptionSummaryViewSchema);

/** The query of `GET /api/subscriptions`. */
export interface SubscriptionListParams {
  search?: string;
  limit?: string;
  cursor?: string;
}
