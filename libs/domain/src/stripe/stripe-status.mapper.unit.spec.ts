import { aStripeSubscription, unix } from '../../test/stripe-fixtures';
import type { SubscriptionStatus } from '../subscription/subscription.model';
import { mapStripeStatus } from './stripe-status.mapper';
import type { StripeSubscription } from './stripe.types';

describe('mapStripeStatus', () => {
  // The fixture's current period ends 2026-12-01T00:00:00Z.
  const midPeriod = '2026-11-20T10:00:00Z';
  const periodEnd = '2026-12-01T00:00:00Z';

  it.each<[string, Partial<StripeSubscription>, string, SubscriptionStatus]>([
    ['active', { status: 'active' }, midPeriod, 'active'],
    ['trialing', { status: 'trialing' }, midPeriod, 'active'],
    ['past_due: Stripe is still retrying', { status: 'past_due' }, midPeriod, 'active'],
    ['unpaid: retries exhausted', { status: 'unpaid' }, midPeriod, 'suspended'],
    ['paused', { status: 'paused' }, midPeriod, 'suspended'],
    [
      'canceled',
      { status: 'canceled', ended_at: unix('2026-11-15T08:00:00Z') },
      midPeriod,
      'cancelled',
    ],
    ['incomplete: first payment not made yet', { status: 'incomplete' }, midPeriod, 'pending'],
    [
      'incomplete_expired: first payment never made',
      { status: 'incomplete_expired' },
      midPeriod,
      'expired',
    ],
    [
      'active, set to cancel at the end of the period, which is still to come',
      { status: 'active', cancel_at_period_end: true },
      midPeriod,
      'active',
    ],
    [
      'active, set to cancel at a time still to come',
      { status: 'active', cancel_at: unix('2026-11-25T00:00:00Z') },
      midPeriod,
      'active',
    ],
    [
      'active, but its cancel_at has passed (Stripe has not caught up yet)',
      { status: 'active', cancel_at: unix('2026-11-20T09:59:59Z') },
      midPeriod,
      'cancelled',
    ],
    [
      'past_due, set to cancel at the end of the period, which has come',
      { status: 'past_due', cancel_at_period_end: true },
      periodEnd,
      'cancelled',
    ],
    [
      'unpaid, with a cancel_at that has come',
      { status: 'unpaid', cancel_at: unix(midPeriod) },
      midPeriod,
      'cancelled',
    ],
  ])('%s', (_case, overrides, now, expected) => {
    expect(mapStripeStatus(aStripeSubscription(overrides), new Date(now))).toBe(expected);
  });
});
