import type { StripeSandboxStore } from '../store/sandbox.store';
import { addDays, addMonths, type UnixSeconds } from '../util/time';
import { STRIPE_SANDBOX_DEMO as DEMO } from './demo.constants';
import { HOUR, lineFor, seedPaidRenewals } from './demo-renewals';

/** The five demo subscriptions and their invoices (see the README's demo table). */
export function seedDemoSubscriptions(store: StripeSandboxStore, today: UnixSeconds): void {
  // Active GBP: started ~3 months 3 weeks ago; the current period ends in 9 days.
  const gbpStart = addDays(addMonths(today, -4), 9) + 10 * HOUR;
  const gbpItems = [
    { id: DEMO.subscriptionItems.activeGbpDigital, price: DEMO.prices.digitalMonthlyGbp },
    { id: DEMO.subscriptionItems.activeGbpPuzzles, price: DEMO.prices.puzzlesMonthlyGbp },
  ];
  store.putSubscription(DEMO.subscriptions.activeGbp, {
    customer: DEMO.customers.amelia,
    start_date: gbpStart,
    items: gbpItems.map((i) => ({ id: i.id, price: i.price, created: gbpStart })),
    description: 'Digital + Puzzles',
  });
  seedPaidRenewals(store, {
    subscription: DEMO.subscriptions.activeGbp,
    idPrefix: 'in_demoActiveGbp',
    start: gbpStart,
    count: 4,
    items: gbpItems,
  });
  store.putInvoice(DEMO.invoices.ameliaDraft, {
    customer: DEMO.customers.amelia,
    status: 'draft',
    created: addDays(today, -1) + 16 * HOUR,
    billing_reason: 'manual',
    description: 'Printed back issue',
    lines: [{ amount: 500, description: 'Printed back issue (March)' }],
  });

  // Cancels at the end of its current period (requested 3 days ago).
  const usdStart = addDays(addMonths(today, -3), 14) + 15 * HOUR;
  const usdItem = {
    id: DEMO.subscriptionItems.cancelAtPeriodEnd,
    price: DEMO.prices.digitalMonthlyUsd,
  };
  store.putSubscription(DEMO.subscriptions.cancelAtPeriodEnd, {
    customer: DEMO.customers.marcus,
    start_date: usdStart,
    items: [{ ...usdItem, created: usdStart }],
  });
  const usdPeriodEnd =
    store.findSubscription(DEMO.subscriptions.cancelAtPeriodEnd)?.items[0]?.current_period_end ??
    today;
  store.patchSubscription(DEMO.subscriptions.cancelAtPeriodEnd, {
    cancel_at_period_end: true,
    cancel_at: usdPeriodEnd,
    canceled_at: addDays(today, -3) + 18 * HOUR,
    cancellation_details: {
      reason: 'cancellation_requested',
      feedback: 'too_expensive',
      comment: null,
    },
  });
  seedPaidRenewals(store, {
    subscription: DEMO.subscriptions.cancelAtPeriodEnd,
    idPrefix: 'in_demoCancelAtPeriodEnd',
    start: usdStart,
    count: 3,
    items: [usdItem],
  });

  // Canceled 10 days ago, immediately.
  const eurStart = addDays(addMonths(today, -5), 3) + 8 * HOUR;
  const endedAt = addDays(today, -10) + 14 * HOUR;
  const eurItem = { id: DEMO.subscriptionItems.canceled, price: DEMO.prices.digitalMonthlyEur };
  store.putSubscription(DEMO.subscriptions.canceled, {
    customer: DEMO.customers.sophie,
    status: 'canceled',
    start_date: eurStart,
    canceled_at: endedAt,
    ended_at: endedAt,
    cancellation_details: { reason: 'cancellation_requested', feedback: 'unused', comment: null },
    items: [{ ...eurItem, created: eurStart }],
  });
  let renewals = 0;
  while (addMonths(eurStart, renewals) <= endedAt) renewals += 1;
  seedPaidRenewals(store, {
    subscription: DEMO.subscriptions.canceled,
    idPrefix: 'in_demoCanceled',
    start: eurStart,
    count: renewals,
    items: [eurItem],
  });
  store.putInvoice(DEMO.invoices.canceledVoid, {
    subscription: DEMO.subscriptions.canceled,
    status: 'void',
    created: endedAt - 2 * HOUR,
    billing_reason: 'manual',
    description: 'Duplicate charge, voided',
    lines: [{ amount: 800, description: 'Duplicate renewal' }],
  });

  // JPY, paid with a card set only on the subscription.
  const jpyStart = addDays(addMonths(today, -2), 5) + HOUR;
  const jpyItem = { id: DEMO.subscriptionItems.activeJpy, price: DEMO.prices.digitalMonthlyJpy };
  store.putSubscription(DEMO.subscriptions.activeJpy, {
    customer: DEMO.customers.haruto,
    start_date: jpyStart,
    default_payment_method: DEMO.paymentMethods.harutoMastercard,
    items: [{ ...jpyItem, created: jpyStart }],
  });
  seedPaidRenewals(store, {
    subscription: DEMO.subscriptions.activeJpy,
    idPrefix: 'in_demoActiveJpy',
    start: jpyStart,
    count: 2,
    items: [jpyItem],
  });

  // past_due: the renewal two days ago failed twice.
  const pastDueStart = addDays(addMonths(today, -3), -2) + 11 * HOUR;
  const pastDueItem = { id: DEMO.subscriptionItems.pastDue, price: DEMO.prices.premiumMonthlyEur };
  store.putSubscription(DEMO.subscriptions.pastDue, {
    customer: DEMO.customers.liam,
    status: 'past_due',
    start_date: pastDueStart,
    items: [{ ...pastDueItem, created: pastDueStart }],
  });
  seedPaidRenewals(store, {
    subscription: DEMO.subscriptions.pastDue,
    idPrefix: 'in_demoPastDue',
    start: pastDueStart,
    count: 3,
    items: [pastDueItem],
  });
  const openCreated = addMonths(pastDueStart, 3);
  store.putInvoice(DEMO.invoices.pastDueOpen, {
    subscription: DEMO.subscriptions.pastDue,
    status: 'open',
    created: openCreated,
    billing_reason: 'subscription_cycle',
    period_start: addMonths(pastDueStart, 2),
    period_end: openCreated,
    attempt_count: 2,
    next_payment_attempt: addDays(today, 2) + 11 * HOUR,
    lines: [lineFor(store, pastDueItem, openCreated, addMonths(pastDueStart, 4))],
  });
}
