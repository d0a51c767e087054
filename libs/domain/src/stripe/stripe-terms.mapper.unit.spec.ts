import {
  aStripeSubscription,
  aStripeSubscriptionItem,
  itemsOf,
  unix,
} from '../../test/stripe-fixtures';
import type { SubscriptionTerms } from '../subscription/subscription.model';
import { mapStripeTerms } from './stripe-terms.mapper';
import type { StripeSubscription } from './stripe.types';

describe('mapStripeTerms', () => {
  const now = new Date('2026-11-20T10:00:00Z');

  it.each<[string, Partial<StripeSubscription>, SubscriptionTerms]>([
    [
      'the current period of its item, renewing',
      {},
      { status: 'active', termStart: '2026-11-01', termEnd: '2026-12-01', autoRenew: true },
    ],
    [
      'items on different periods: the earliest start and the latest end',
      {
        items: itemsOf(
          aStripeSubscriptionItem(),
          aStripeSubscriptionItem({
            id: 'si_RfT4aY7cLm0pQy',
            current_period_start: unix('2026-10-15T00:00:00Z'),
            current_period_end: unix('2026-11-15T00:00:00Z'),
          }),
          aStripeSubscriptionItem({
            id: 'si_RfT4aY7cLm0pQz',
            current_period_start: unix('2026-06-01T00:00:00Z'),
            current_period_end: unix('2027-06-01T00:00:00Z'),
          }),
        ),
      },
      { status: 'active', termStart: '2026-06-01', termEnd: '2027-06-01', autoRenew: true },
    ],
    [
      'dates are UTC calendar dates, whatever the time of day',
      {
        items: itemsOf(
          aStripeSubscriptionItem({
            current_period_start: unix('2026-10-31T23:59:59Z'),
            current_period_end: unix('2026-11-30T23:59:59Z'),
          }),
        ),
      },
      { status: 'active', termStart: '2026-10-31', termEnd: '2026-11-30', autoRenew: true },
    ],
    [
      'set to cancel at the period end: still active, not renewing',
      { cancel_at_period_end: true, canceled_at: unix('2026-11-18T12:00:00Z') },
      { status: 'active', termStart: '2026-11-01', termEnd: '2026-12-01', autoRenew: false },
    ],
    [
      'set to cancel before the period ends: the term ends then',
      { cancel_at: unix('2026-11-25T12:00:00Z') },
      { status: 'active', termStart: '2026-11-01', termEnd: '2026-11-25', autoRenew: false },
    ],
    [
      'set to cancel after this period: this period is the term, and it will not renew forever',
      { cancel_at: unix('2027-03-01T00:00:00Z') },
      { status: 'active', termStart: '2026-11-01', termEnd: '2026-12-01', autoRenew: false },
    ],
    [
      'canceled: the term ends when it ended',
      {
        status: 'canceled',
        canceled_at: unix('2026-11-10T09:00:00Z'),
        ended_at: unix('2026-11-10T09:00:00Z'),
      },
      { status: 'cancelled', termStart: '2026-11-01', termEnd: '2026-11-10', autoRenew: false },
    ],
    [
      'canceled without ended_at: the term ends at cancel_at',
      { status: 'canceled', cancel_at: unix('2026-11-12T00:00:00Z') },
      { status: 'cancelled', termStart: '2026-11-01', termEnd: '2026-11-12', autoRenew: false },
    ],
    [
      'incomplete_expired: ended, and will never renew',
      { status: 'incomplete_expired', ended_at: unix('2026-11-02T00:00:00Z') },
      { status: 'expired', termStart: '2026-11-01', termEnd: '2026-11-02', autoRenew: false },
    ],
    [
      'trialing',
      { status: 'trialing' },
      { status: 'active', termStart: '2026-11-01', termEnd: '2026-12-01', autoRenew: true },
    ],
    [
      'no items: from the start date, with no known end',
      { items: itemsOf() },
      { status: 'active', termStart: '2026-06-01', termEnd: null, autoRenew: true },
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(mapStripeTerms(aStripeSubscription(overrides), now)).toEqual(expected);
  });
});
