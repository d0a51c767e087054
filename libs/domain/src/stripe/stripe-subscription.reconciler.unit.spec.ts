import {
  anUpcomingStripeInvoice,
  aStripeCardPaymentMethod,
  aStripeCustomer,
  aStripeLegacyCard,
  aStripeSubscription,
  aStripeSubscriptionItem,
  itemsOf,
  paidInvoice,
  SUBSCRIPTION_ID,
  unix,
} from '../../test/stripe-fixtures';
import type { ScheduleEntry } from '../subscription/subscription.model';
import {
  reconcileStripeSubscription,
  type StripeLocalState,
  type StripeReconciliation,
  type StripeSnapshot,
} from './stripe-subscription.reconciler';

const now = new Date('2026-11-20T10:00:00Z');
const novemberUpcoming = `schedule.upcoming:${SUBSCRIPTION_ID}:1796083200`; // closes 2026-12-01
const decemberUpcoming = `schedule.upcoming:${SUBSCRIPTION_ID}:1798761600`; // closes 2027-01-01

/** £12.99 a month: October and November paid, December's invoice to be charged on 2026-12-01. */
function snapshot(overrides: Partial<StripeSnapshot> = {}): StripeSnapshot {
  return {
    subscription: aStripeSubscription(),
    customer: aStripeCustomer(),
    paidInvoices: [
      paidInvoice('in_1Nov', '2026-11-01T01:05:00Z'),
      paidInvoice('in_1Oct', '2026-10-01T01:05:00Z'),
    ],
    upcoming: anUpcomingStripeInvoice(),
    ...overrides,
  };
}

/** The local record after the writer applied a reconciliation (created entries keep their status). */
function applied(result: StripeReconciliation, before: ScheduleEntry[] = []): StripeLocalState {
  const cancel = new Set(result.schedule.cancel);
  const descriptions = new Map(result.schedule.update.map((u) => [u.id, u.description]));
  return {
    ...result.next,
    schedule: [
      ...before.map((e) =>
        cancel.has(e.id)
          ? { ...e, status: 'cancelled' as const }
          : { ...e, description: descriptions.get(e.id) ?? e.description },
      ),
      ...result.schedule.create.map(({ status, ...charge }, n) => ({
        ...charge,
        id: `schedule-${before.length + n}`,
        status: status ?? 'pending',
      })),
    ],
  };
}

function imported(remote: StripeSnapshot = snapshot()): StripeLocalState {
  return applied(reconcileStripeSubscription(null, remote, now));
}

const noSchedule = { create: [], cancel: [], update: [], changes: [] };
const paid = (date: string, amount = '12.99', currency = 'GBP') => ({
  date,
  amount,
  currency,
  status: 'paid',
});
const pending = (date: string, amount = '12.99') => ({
  date,
  amount,
  currency: 'GBP',
  status: 'pending',
});
const cancelled = (date: string, amount = '12.99') => ({
  date,
  amount,
  currency: 'GBP',
  status: 'cancelled',
});

describe('reconcileStripeSubscription', () => {
  it('imports: every field is a change from null', () => {
    const result = reconcileStripeSubscription(null, snapshot(), now);

    const scheduleChanges = [
      { field: 'schedule.in_1Oct', before: null, after: paid('2026-10-01') },
      { field: 'schedule.in_1Nov', before: null, after: paid('2026-11-01') },
      { field: novemberUpcoming, before: null, after: pending('2026-12-01') },
    ];
    expect(result.next).toEqual({
      terms: { status: 'active', termStart: '2026-11-01', termEnd: '2026-12-01', autoRenew: true },
      paymentMethod: {
        brand: 'visa',
        last4: '4242',
        expMonth: 8,
        expYear: 2030,
        externalId: 'pm_1QmR5vLkdIwHu7ixVisa',
      },
    });
    expect(result.schedule).toEqual({
      create: [
        {
          sourceKey: 'in_1Oct',
          date: '2026-10-01',
          amount: '12.99',
          currency: 'GBP',
          description: 'Invoice A1B2C3D4-1Oct',
          status: 'paid',
        },
        {
          sourceKey: 'in_1Nov',
          date: '2026-11-01',
          amount: '12.99',
          currency: 'GBP',
          description: 'Invoice A1B2C3D4-1Nov',
          status: 'paid',
        },
        {
          sourceKey: `upcoming:${SUBSCRIPTION_ID}:1796083200`,
          date: '2026-12-01',
          amount: '12.99',
          currency: 'GBP',
          description: 'Upcoming invoice',
          status: 'pending',
        },
      ],
      cancel: [],
      update: [],
      changes: scheduleChanges,
    });
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: null, after: 'active' },
      { field: 'subscription.termStart', before: null, after: '2026-11-01' },
      { field: 'subscription.termEnd', before: null, after: '2026-12-01' },
      { field: 'subscription.autoRenew', before: null, after: true },
      { field: 'paymentMethod.brand', before: null, after: 'visa' },
      { field: 'paymentMethod.last4', before: null, after: '4242' },
      { field: 'paymentMethod.expMonth', before: null, after: 8 },
      { field: 'paymentMethod.expYear', before: null, after: 2030 },
      { field: 'paymentMethod.externalId', before: null, after: 'pm_1QmR5vLkdIwHu7ixVisa' },
      ...scheduleChanges,
    ]);
  });

  it('imports a yen subscription with amounts in major units', () => {
    const result = reconcileStripeSubscription(
      null,
      snapshot({
        subscription: aStripeSubscription({ currency: 'jpy' }),
        paidInvoices: [paidInvoice('in_1Nov', '2026-11-01T01:05:00Z', 1200, 'jpy')],
        upcoming: anUpcomingStripeInvoice({ currency: 'jpy', amount_due: 1200 }),
      }),
      now,
    );

    expect(result.schedule.changes).toEqual([
      { field: 'schedule.in_1Nov', before: null, after: paid('2026-11-01', '1200.00', 'JPY') },
      {
        field: novemberUpcoming,
        before: null,
        after: { date: '2026-12-01', amount: '1200.00', currency: 'JPY', status: 'pending' },
      },
    ]);
  });

  it.each<[string, Date]>([
    ['right away', now],
    ['on the day the upcoming invoice is due', new Date('2026-12-01T00:30:00Z')],
    ['after that day, while Stripe is still retrying it', new Date('2026-12-03T08:00:00Z')],
  ])('a second sync with nothing changed in Stripe changes nothing: %s', (_case, later) => {
    const remote = snapshot();
    const first = reconcileStripeSubscription(null, remote, now);

    const second = reconcileStripeSubscription(applied(first), remote, later);

    expect(second.changes).toEqual([]);
    expect(second.schedule).toEqual(noSchedule);
    expect(second.next).toEqual(first.next);
  });

  it('a renewal: the upcoming invoice was paid and the next one appeared', () => {
    const before = imported();

    const renewed = snapshot({
      subscription: aStripeSubscription({
        items: itemsOf(
          aStripeSubscriptionItem({
            current_period_start: unix('2026-12-01T00:00:00Z'),
            current_period_end: unix('2027-01-01T00:00:00Z'),
          }),
        ),
      }),
      paidInvoices: [paidInvoice('in_1Dec', '2026-12-01T01:04:00Z'), ...snapshot().paidInvoices],
      upcoming: anUpcomingStripeInvoice({
        period_start: unix('2026-12-01T00:00:00Z'),
        period_end: unix('2027-01-01T00:00:00Z'),
        next_payment_attempt: unix('2027-01-01T01:00:00Z'),
      }),
    });
    const result = reconcileStripeSubscription(before, renewed, new Date('2026-12-02T09:00:00Z'));

    // The pending entry is cancelled, not marked paid: the paid invoice is keyed by its own id.
    expect(result.schedule).toMatchObject({ cancel: ['schedule-2'], update: [] });
    expect(result.schedule.create.map((c) => [c.sourceKey, c.status])).toEqual([
      ['in_1Dec', 'paid'],
      [`upcoming:${SUBSCRIPTION_ID}:1798761600`, 'pending'],
    ]);
    expect(result.changes).toEqual([
      { field: 'subscription.termStart', before: '2026-11-01', after: '2026-12-01' },
      { field: 'subscription.termEnd', before: '2026-12-01', after: '2027-01-01' },
      { field: novemberUpcoming, before: pending('2026-12-01'), after: cancelled('2026-12-01') },
      { field: 'schedule.in_1Dec', before: null, after: paid('2026-12-01') },
      { field: decemberUpcoming, before: null, after: pending('2027-01-01') },
    ]);

    // and syncing the renewed subscription again changes nothing
    const again = reconcileStripeSubscription(
      applied(result, before.schedule),
      renewed,
      new Date('2026-12-02T09:05:00Z'),
    );
    expect(again.changes).toEqual([]);
    expect(again.schedule).toEqual(noSchedule);
  });

  it('a price rise on the upcoming invoice cancels its entry and creates it anew', () => {
    const before = imported();

    const result = reconcileStripeSubscription(
      before,
      snapshot({ upcoming: anUpcomingStripeInvoice({ amount_due: 1499 }) }),
      now,
    );

    expect(result.schedule).toMatchObject({ cancel: ['schedule-2'], update: [] });
    expect(result.changes).toEqual([
      { field: novemberUpcoming, before: pending('2026-12-01'), after: cancelled('2026-12-01') },
      { field: novemberUpcoming, before: null, after: pending('2026-12-01', '14.99') },
    ]);
  });

  it('an invoice paid mid-period (an upgrade) appears as a paid entry', () => {
    const before = imported();

    const result = reconcileStripeSubscription(
      before,
      snapshot({
        paidInvoices: [
          paidInvoice('in_1Upgr', '2026-11-18T15:30:00Z', 500),
          ...snapshot().paidInvoices,
        ],
      }),
      now,
    );

    expect(result.schedule).toMatchObject({ cancel: [], update: [] });
    expect(result.changes).toEqual([
      { field: 'schedule.in_1Upgr', before: null, after: paid('2026-11-18', '5.00') },
    ]);
  });

  it('paid entries already on the schedule are left alone, whatever Stripe lists now', () => {
    const before = imported();

    const result = reconcileStripeSubscription(
      before,
      snapshot({ paidInvoices: [paidInvoice('in_1Nov', '2026-11-01T01:05:00Z', 1000)] }),
      now,
    );

    expect(result.changes).toEqual([]);
    expect(result.schedule).toEqual(noSchedule);
  });

  it('a cancellation in Stripe: cancelled, ended, and nothing more to pay', () => {
    const before = imported();

    const result = reconcileStripeSubscription(
      before,
      snapshot({
        subscription: aStripeSubscription({
          status: 'canceled',
          canceled_at: unix('2026-11-25T12:00:00Z'),
          ended_at: unix('2026-11-25T12:00:00Z'),
        }),
        upcoming: null,
      }),
      new Date('2026-11-25T12:01:00Z'),
    );

    expect(result.schedule).toMatchObject({ create: [], cancel: ['schedule-2'], update: [] });
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: 'active', after: 'cancelled' },
      { field: 'subscription.termEnd', before: '2026-12-01', after: '2026-11-25' },
      { field: 'subscription.autoRenew', before: true, after: false },
      { field: novemberUpcoming, before: pending('2026-12-01'), after: cancelled('2026-12-01') },
    ]);
  });

  it('set to cancel at the period end: still active, no longer renewing, no next invoice', () => {
    const before = imported();

    const result = reconcileStripeSubscription(
      before,
      snapshot({
        subscription: aStripeSubscription({
          cancel_at_period_end: true,
          canceled_at: unix('2026-11-20T09:00:00Z'),
        }),
        upcoming: null,
      }),
      now,
    );

    expect(result.next.terms.status).toBe('active');
    expect(result.changes).toEqual([
      { field: 'subscription.autoRenew', before: true, after: false },
      { field: novemberUpcoming, before: pending('2026-12-01'), after: cancelled('2026-12-01') },
    ]);
  });

  it('a new default card on the customer is picked up', () => {
    const before = imported();

    const renewedCard = aStripeCardPaymentMethod(
      { exp_month: 9, exp_year: 2033 },
      { id: 'pm_1QmR5vLkdIwHu7ixNew' },
    );
    const result = reconcileStripeSubscription(
      before,
      snapshot({
        customer: aStripeCustomer({
          invoice_settings: { default_payment_method: renewedCard },
        }),
      }),
      now,
    );

    expect(result.changes).toEqual([
      { field: 'paymentMethod.expMonth', before: 8, after: 9 },
      { field: 'paymentMethod.expYear', before: 2030, after: 2033 },
      {
        field: 'paymentMethod.externalId',
        before: 'pm_1QmR5vLkdIwHu7ixVisa',
        after: 'pm_1QmR5vLkdIwHu7ixNew',
      },
    ]);
  });

  it("shows the subscription's own default card, which Stripe charges before the customer's", () => {
    const before = imported();

    const ownCard = aStripeCardPaymentMethod(
      { brand: 'amex', last4: '8431', exp_month: 4, exp_year: 2032 },
      { id: 'pm_1QmR5vLkdIwHu7ixOwn' },
    );
    const result = reconcileStripeSubscription(
      before,
      snapshot({ subscription: aStripeSubscription({ default_payment_method: ownCard }) }),
      now,
    );

    expect(result.next.paymentMethod).toEqual({
      brand: 'amex',
      last4: '8431',
      expMonth: 4,
      expYear: 2032,
      externalId: 'pm_1QmR5vLkdIwHu7ixOwn',
    });
    expect(result.changes.map((c) => c.field)).toEqual([
      'paymentMethod.brand',
      'paymentMethod.last4',
      'paymentMethod.expMonth',
      'paymentMethod.expYear',
      'paymentMethod.externalId',
    ]);
  });

  it('imports the legacy card_… source of a customer that has nothing else', () => {
    const result = reconcileStripeSubscription(
      null,
      snapshot({
        customer: aStripeCustomer({
          invoice_settings: { default_payment_method: null },
          default_source: aStripeLegacyCard(),
        }),
      }),
      now,
    );

    expect(result.next.paymentMethod).toEqual({
      brand: 'amex',
      last4: '0005',
      expMonth: 3,
      expYear: 2031,
      externalId: 'card_1QmR6bLkdIwHu7ixAmex',
    });
  });

  it('records an invoice paid outside Stripe for what was paid there', () => {
    const before = imported();
    const outOfBand = {
      ...paidInvoice('in_1Dec', '2026-11-18T09:00:00Z', 0),
      amount_due: 1299,
      amount_paid_off_stripe: 1299,
    };

    const result = reconcileStripeSubscription(
      before,
      snapshot({ paidInvoices: [outOfBand, ...snapshot().paidInvoices] }),
      now,
    );

    expect(result.schedule.create).toEqual([
      expect.objectContaining({ sourceKey: 'in_1Dec', amount: '12.99', status: 'paid' }),
    ]);
  });

  it("never touches the customer's name, email or address", () => {
    const before = imported();

    const moved = aStripeCustomer({
      name: 'Jane Smith',
      email: 'jane.smith@example.org',
      address: {
        line1: '9 Harbour Road',
        line2: 'Flat 2',
        city: 'Bristol',
        state: null,
        postal_code: 'BS1 4DJ',
        country: 'GB',
      },
    });
    const result = reconcileStripeSubscription(before, snapshot({ customer: moved }), now);

    expect(result.changes).toEqual([]);
    expect(result.schedule).toEqual(noSchedule);
    expect(Object.keys(result.next)).toEqual(['terms', 'paymentMethod']);
  });
});
