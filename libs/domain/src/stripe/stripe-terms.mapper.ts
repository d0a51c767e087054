import type { SubscriptionTerms } from '../subscription/subscription.model';
import { isoDateFromUnix } from './stripe-dates';
import { currentPeriodEnd, currentPeriodStart, hasStripeSubscriptionEnded } from './stripe-periods';
import { mapStripeStatus } from './stripe-status.mapper';
import type { StripeSubscription } from './stripe.types';

/**
 * Rule 1: status and term dates, as UTC calendar dates. The term is the current billing period:
 * from the earliest item period start (the subscription's start date if it has no items) to the
 * latest item period end, or to `cancel_at` when that comes first. An ended subscription's term
 * ends when it ended (`ended_at`, else `cancel_at`). It renews unless it is set to cancel, at
 * the period end or at a given time, or has ended.
 */
export function mapStripeTerms(subscription: StripeSubscription, now: Date): SubscriptionTerms {
  const ended = hasStripeSubscriptionEnded(subscription);
  const periodEnd = currentPeriodEnd(subscription);
  const end = ended
    ? (subscription.ended_at ?? subscription.cancel_at ?? periodEnd)
    : earliest(periodEnd, subscription.cancel_at);
  return {
    status: mapStripeStatus(subscription, now),
    termStart: isoDateFromUnix(currentPeriodStart(subscription) ?? subscription.start_date),
    termEnd: end === null ? null : isoDateFromUnix(end),
    autoRenew: !subscription.cancel_at_period_end && subscription.cancel_at === null && !ended,
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
