import {
  anUpcomingStripeInvoice,
  aPaidStripeInvoice,
  aStripeSubscription,
  paidInvoice,
  SUBSCRIPTION_ID,
  unix,
} from '../../test/stripe-fixtures';
import type { PlannedCharge } from '../schedule/schedule.types';
import { planStripeSchedule, upcomingSourceKey } from './stripe-schedule.planner';
import type { StripeInvoice, StripeSubscription } from './stripe.types';

const upcomingKey = `upcoming:${SUBSCRIPTION_ID}:1796083200`; // the period ending 2026-12-01

const paidCharge = (id: string, date: string, amount: string, currency = 'GBP'): PlannedCharge => ({
  sourceKey: id,
  date,
  amount,
  currency,
  description: `Invoice A1B2C3D4-${id.slice(-4)}`,
  status: 'paid',
});

const upcomingCharge = (date: string, amount: string, currency = 'GBP'): PlannedCharge => ({
  sourceKey: upcomingKey,
  date,
  amount,
  currency,
  description: 'Upcoming invoice',
  status: 'pending',
});

describe('planStripeSchedule', () => {
  it.each<
    [string, Partial<StripeSubscription>, StripeInvoice[], StripeInvoice | null, PlannedCharge[]]
  >([
    [
      'paid invoices by payment date, then the upcoming invoice',
      {},
      [
        paidInvoice('in_1Nov', '2026-11-01T01:05:00Z'),
        paidInvoice('in_1Oct', '2026-10-01T01:05:00Z'),
      ],
      anUpcomingStripeInvoice(),
      [
        paidCharge('in_1Oct', '2026-10-01', '12.99'),
        paidCharge('in_1Nov', '2026-11-01', '12.99'),
        upcomingCharge('2026-12-01', '12.99'),
      ],
    ],
    [
      'a paid invoice is dated by its payment time in UTC',
      {},
      [paidInvoice('in_1Late', '2026-10-31T23:59:59Z')],
      null,
      [paidCharge('in_1Late', '2026-10-31', '12.99')],
    ],
    [
      'yen: amounts in major units; the currency upper-cased',
      {},
      [paidInvoice('in_1JPY1', '2026-11-01T01:05:00Z', 1200, 'jpy')],
      anUpcomingStripeInvoice({ currency: 'jpy', amount_due: 1500 }),
      [
        paidCharge('in_1JPY1', '2026-11-01', '1200.00', 'JPY'),
        upcomingCharge('2026-12-01', '1500.00', 'JPY'),
      ],
    ],
    [
      'Kuwaiti dinar: thousandths',
      {},
      [paidInvoice('in_1KWD1', '2026-11-01T01:05:00Z', 12345, 'kwd')],
      null,
      [paidCharge('in_1KWD1', '2026-11-01', '12.345', 'KWD')],
    ],
    [
      'the amount paid, not the amount due',
      {},
      [{ ...paidInvoice('in_1Part', '2026-11-01T01:05:00Z', 999), amount_due: 1299 }],
      null,
      [paidCharge('in_1Part', '2026-11-01', '9.99')],
    ],
    [
      'an invoice paid outside Stripe, whose amount_paid leaves that out, counts what was paid off Stripe',
      {},
      [
        {
          ...paidInvoice('in_1Oob', '2026-11-01T01:05:00Z', 0),
          amount_due: 1299,
          amount_paid_off_stripe: 1299,
        },
      ],
      null,
      [paidCharge('in_1Oob', '2026-11-01', '12.99')],
    ],
    [
      'an invoice paid partly on and partly off Stripe counts both',
      {},
      [
        {
          ...paidInvoice('in_1Mix', '2026-11-01T01:05:00Z', 600),
          amount_due: 1299,
          amount_paid_off_stripe: 699,
        },
      ],
      null,
      [paidCharge('in_1Mix', '2026-11-01', '12.99')],
    ],
    [
      'an off-Stripe payment that amount_paid already counts (API 2025-03-31 and later) counts once',
      {},
      [{ ...paidInvoice('in_1Once', '2026-11-01T01:05:00Z', 1299), amount_paid_off_stripe: 1299 }],
      null,
      [paidCharge('in_1Once', '2026-11-01', '12.99')],
    ],
    [
      'a zero-amount paid invoice (a trial start) is one of the invoices',
      {},
      [paidInvoice('in_1Tria', '2026-06-01T00:00:05Z', 0)],
      null,
      [paidCharge('in_1Tria', '2026-06-01', '0.00')],
    ],
    [
      'an invoice sent rather than charged is due at the end of its period',
      {},
      [],
      anUpcomingStripeInvoice({ next_payment_attempt: null, amount_due: 2500 }),
      [upcomingCharge('2026-12-01', '25.00')],
    ],
    [
      'unpaid, foreign and duplicate invoices are left out',
      {},
      [
        paidInvoice('in_1Nov', '2026-11-01T01:05:00Z'),
        paidInvoice('in_1Nov', '2026-11-01T01:05:00Z'),
        aPaidStripeInvoice({ id: 'in_1Open', status: 'open' }),
        aPaidStripeInvoice({
          id: 'in_1NoPaidAt',
          status_transitions: {
            finalized_at: null,
            paid_at: null,
            marked_uncollectible_at: null,
            voided_at: null,
          },
        }),
        aPaidStripeInvoice({
          id: 'in_1Other',
          parent: {
            type: 'subscription_details',
            subscription_details: { subscription: 'sub_1OtherSubscription' },
          },
        }),
        aPaidStripeInvoice({ id: 'in_1OneOff', parent: null }),
      ],
      null,
      [paidCharge('in_1Nov', '2026-11-01', '12.99')],
    ],
    [
      'an expanded subscription on the invoice is matched by its id',
      {},
      [
        {
          ...paidInvoice('in_1Expd', '2026-11-01T01:05:00Z'),
          parent: {
            type: 'subscription_details',
            subscription_details: { subscription: { id: SUBSCRIPTION_ID } },
          },
        },
      ],
      null,
      [paidCharge('in_1Expd', '2026-11-01', '12.99')],
    ],
    [
      'an upcoming invoice of another subscription is left out',
      {},
      [],
      anUpcomingStripeInvoice({
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: 'sub_1OtherSubscription' },
        },
      }),
      [],
    ],
    [
      'a canceled subscription bills nothing more, whatever the preview says',
      { status: 'canceled', ended_at: unix('2026-11-10T00:00:00Z') },
      [paidInvoice('in_1Nov', '2026-11-01T01:05:00Z')],
      anUpcomingStripeInvoice(),
      [paidCharge('in_1Nov', '2026-11-01', '12.99')],
    ],
    ['nothing paid and nothing to come', {}, [], null, []],
  ])('%s', (_case, subscription, paid, upcoming, expected) => {
    expect(planStripeSchedule(aStripeSubscription(subscription), paid, upcoming)).toEqual(expected);
  });

  it('keys the upcoming invoice by subscription and period end, not by its unstable id', () => {
    expect(upcomingSourceKey(SUBSCRIPTION_ID, unix('2026-12-01T00:00:00Z'))).toBe(upcomingKey);
    const again = anUpcomingStripeInvoice({ id: 'upcoming_in_1QmRAaLkdIwHu7ix' });
    expect(planStripeSchedule(aStripeSubscription(), [], again)[0]?.sourceKey).toBe(upcomingKey);
  });
});
