import type { StripeSubscription } from './stripe.types';

// Where a Stripe subscription's period and end are: since API 2025-03-31 the billing period is
// on each subscription item, not on the subscription. Times are Unix seconds.

/** Whether Stripe will bill the subscription no more: canceled, or never started and expired. */
export function hasStripeSubscriptionEnded(subscription: StripeSubscription): boolean {
  return subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
}

/** The end of the subscription's current period: the latest of its items' period ends. */
export function currentPeriodEnd(subscription: StripeSubscription): number | null {
  const ends = subscription.items.data.map((item) => item.current_period_end);
  return ends.length === 0 ? null : Math.max(...ends);
}

/** The start of the subscription's current period: the earliest of its items' period starts. */
export function currentPeriodStart(subscription: StripeSubscription): number | null {
  const starts = subscription.items.data.map((item) => item.current_period_start);
  return starts.length === 0 ? null : Math.min(...starts);
}

/**
 * When Stripe will end a subscription that is still in force, or null if it renews:
 * `cancel_at`, or the current period's end with `cancel_at_period_end`, whichever is earlier.
 */
export function scheduledEnd(subscription: StripeSubscription): number | null {
  const periodEnd = subscription.cancel_at_period_end ? currentPeriodEnd(subscription) : null;
  const ends = [subscription.cancel_at, periodEnd].filter((end) => end !== null);
  return ends.length === 0 ? null : Math.min(...ends);
}
