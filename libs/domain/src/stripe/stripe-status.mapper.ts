import type { SubscriptionStatus } from '../subscription/subscription.model';
import { unixFromDate } from './stripe-dates';
import { scheduledEnd } from './stripe-periods';
import type { StripeSubscription } from './stripe.types';

/**
 * Rule 1: Stripe's status as the platform's.
 *
 * | Stripe               | platform  | why                                                        |
 * |----------------------|-----------|------------------------------------------------------------|
 * | `active`             | active    |                                                            |
 * | `trialing`           | active    | in force, with access; the platform has no trial state     |
 * | `past_due`           | active    | still in force while Stripe retries the payment; if the    |
 * |                      |           | retries fail Stripe itself moves it to canceled or unpaid  |
 * | `unpaid`             | suspended | retries exhausted: no access, nothing more is attempted,   |
 * |                      |           | but paying the open invoice brings it back                 |
 * | `paused`             | suspended | a trial ended without a payment method: no invoices until  |
 * |                      |           | it is resumed                                              |
 * | `canceled`           | cancelled | ended for good                                             |
 * | `incomplete`         | pending   | the first payment has not gone through yet                 |
 * | `incomplete_expired` | expired   | the first payment never went through: it never started and |
 * |                      |           | Stripe will not bill it again                              |
 *
 * A subscription still in force whose scheduled end (`cancel_at`, or the period end with
 * `cancel_at_period_end`) is already past at `now` is cancelled: Stripe is about to say so, and
 * a sync triggered by that moment should not record it as active. Until then a subscription set
 * to cancel at the period end is still active.
 */
export function mapStripeStatus(subscription: StripeSubscription, now: Date): SubscriptionStatus {
  switch (subscription.status) {
    case 'active':
    case 'trialing':
    case 'past_due':
      return hasReachedScheduledEnd(subscription, now) ? 'cancelled' : 'active';
    case 'unpaid':
    case 'paused':
      return hasReachedScheduledEnd(subscription, now) ? 'cancelled' : 'suspended';
    case 'canceled':
      return 'cancelled';
    case 'incomplete':
      return 'pending';
    case 'incomplete_expired':
      return 'expired';
  }
}

function hasReachedScheduledEnd(subscription: StripeSubscription, now: Date): boolean {
  const end = scheduledEnd(subscription);
  return end !== null && end <= unixFromDate(now);
}
