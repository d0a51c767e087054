import type {
  StripeCardDetails,
  StripeCustomer,
  StripeInvoice,
  StripeLegacyCard,
  StripeList,
  StripePaymentMethod,
  StripeSource,
  StripeSubscription,
  StripeSubscriptionItem,
} from '../src';

// Builders for Stripe objects in unit tests: realistic defaults, overridden per case. The fixture
// subscription bills £12.99 a month on the 1st; its current period runs 2026-11-01 → 2026-12-01.

export const SUBSCRIPTION_ID = 'sub_1QmR7hLkdIwHu7ix';
export const CUSTOMER_ID = 'cus_RfT3kq9ZbW2m1A';

/** A UTC time as Stripe gives it, in Unix seconds: unix('2026-11-01T00:00:00Z') = 1793491200. */
export function unix(iso: string): number {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new RangeError(`Not a time: '${iso}'`);
  return millis / 1000;
}

export function aStripeList<T>(data: T[], url: string): StripeList<T> {
  return { object: 'list', data, has_more: false, url };
}

export function aStripeSubscriptionItem(
  overrides: Partial<StripeSubscriptionItem> = {},
): StripeSubscriptionItem {
  return {
    id: 'si_RfT4aY7cLm0pQx',
    object: 'subscription_item',
    current_period_start: unix('2026-11-01T00:00:00Z'),
    current_period_end: unix('2026-12-01T00:00:00Z'),
    ...overrides,
  };
}

/** The items list of the fixture subscription. */
export function itemsOf(...items: StripeSubscriptionItem[]): StripeList<StripeSubscriptionItem> {
  return aStripeList(items, `/v1/subscription_items?subscription=${SUBSCRIPTION_ID}`);
}

export function aStripeSubscription(
  overrides: Partial<StripeSubscription> = {},
): StripeSubscription {
  return {
    id: SUBSCRIPTION_ID,
    object: 'subscription',
    status: 'active',
    customer: CUSTOMER_ID,
    currency: 'gbp',
    items: itemsOf(aStripeSubscriptionItem()),
    start_date: unix('2026-06-01T00:00:00Z'),
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    default_payment_method: null,
    default_source: null,
    ...overrides,
  };
}

/** A Visa ending 4242, expiring 08/2030. */
export function aStripeCardPaymentMethod(
  card: Partial<StripeCardDetails> = {},
  overrides: Partial<StripePaymentMethod> = {},
): StripePaymentMethod {
  return {
    id: 'pm_1QmR5vLkdIwHu7ixVisa',
    object: 'payment_method',
    type: 'card',
    card: { brand: 'visa', last4: '4242', exp_month: 8, exp_year: 2030, ...card },
    ...overrides,
  };
}

/** A legacy Card object (`card_…`): an American Express ending 0005, expiring 03/2031. */
export function aStripeLegacyCard(overrides: Partial<StripeLegacyCard> = {}): StripeLegacyCard {
  return {
    id: 'card_1QmR6bLkdIwHu7ixAmex',
    object: 'card',
    brand: 'American Express',
    last4: '0005',
    exp_month: 3,
    exp_year: 2031,
    ...overrides,
  };
}

/** A legacy Source of type card (`src_…`): a MasterCard ending 5100, expiring 11/2028. */
export function aStripeCardSource(overrides: Partial<StripeSource> = {}): StripeSource {
  return {
    id: 'src_1QmR6cLkdIwHu7ixMc',
    object: 'source',
    type: 'card',
    card: { brand: 'MasterCard', last4: '5100', exp_month: 11, exp_year: 2028 },
    ...overrides,
  };
}

/** A customer whose default payment method, expanded, is the fixture card. */
export function aStripeCustomer(overrides: Partial<StripeCustomer> = {}): StripeCustomer {
  return {
    id: CUSTOMER_ID,
    object: 'customer',
    name: 'Jane Doe',
    email: 'jane.doe@example.com',
    address: {
      line1: '1 High Street',
      line2: null,
      city: 'London',
      state: null,
      postal_code: 'SW1A 1AA',
      country: 'GB',
    },
    invoice_settings: { default_payment_method: aStripeCardPaymentMethod() },
    default_source: null,
    ...overrides,
  };
}

const ofTheSubscription: StripeInvoice['parent'] = {
  type: 'subscription_details',
  subscription_details: { subscription: SUBSCRIPTION_ID },
};

/** The fixture subscription's invoice for October, paid on 2026-10-01 at 01:02:03 UTC. */
export function aPaidStripeInvoice(overrides: Partial<StripeInvoice> = {}): StripeInvoice {
  return {
    id: 'in_1QmR8xLkdIwHu7ixOct',
    object: 'invoice',
    number: 'A1B2C3D4-0005',
    status: 'paid',
    currency: 'gbp',
    amount_due: 1299,
    amount_paid: 1299,
    next_payment_attempt: null,
    period_start: unix('2026-09-01T00:00:00Z'),
    period_end: unix('2026-10-01T00:00:00Z'),
    status_transitions: {
      finalized_at: unix('2026-10-01T01:00:00Z'),
      paid_at: unix('2026-10-01T01:02:03Z'),
      marked_uncollectible_at: null,
      voided_at: null,
    },
    parent: ofTheSubscription,
    ...overrides,
  };
}

/** A paid invoice of the fixture subscription with the given id, payment time and amount. */
export function paidInvoice(
  id: string,
  paidAt: string,
  amountPaid = 1299,
  currency = 'gbp',
): StripeInvoice {
  const paid = unix(paidAt);
  return aPaidStripeInvoice({
    id,
    number: `A1B2C3D4-${id.slice(-4)}`,
    currency,
    amount_due: amountPaid,
    amount_paid: amountPaid,
    period_end: paid,
    status_transitions: {
      finalized_at: paid,
      paid_at: paid,
      marked_uncollectible_at: null,
      voided_at: null,
    },
  });
}

/**
 * The preview of the fixture subscription's next invoice (`POST /v1/invoices/create_preview`):
 * it closes the period ending 2026-12-01 and will be charged an hour later.
 */
export function anUpcomingStripeInvoice(overrides: Partial<StripeInvoice> = {}): StripeInvoice {
  return {
    id: 'upcoming_in_1QmR9zLkdIwHu7ix',
    object: 'invoice',
    number: null,
    status: 'draft',
    currency: 'gbp',
    amount_due: 1299,
    amount_paid: 0,
    next_payment_attempt: unix('2026-12-01T01:00:00Z'),
    period_start: unix('2026-11-01T00:00:00Z'),
    period_end: unix('2026-12-01T00:00:00Z'),
    status_transitions: {
      finalized_at: null,
      paid_at: null,
      marked_uncollectible_at: null,
      voided_at: null,
    },
    parent: ofTheSubscription,
    ...overrides,
  };
}
