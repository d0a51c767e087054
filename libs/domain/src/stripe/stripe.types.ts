// The parts of Stripe's API objects that the Stripe sync rules read, at the API version that
// stripe-node 23.1.0 pins (2026-10-28.endive); see ../shared/reference/upstream-apis.md, Part B.
// Field names are Stripe's JSON names. Times are Unix seconds. Amounts are integers in the
// currency's minor unit (see stripe-amount.ts), and currencies are lower-case ISO codes ("gbp").
// A field Stripe can expand is an id string until the request asks for it to be expanded.
//
// Except for the subscription's status (which the adapter narrows with
// isStripeSubscriptionStatus), these are structural subsets of the SDK's own types, so the
// adapter can pass the SDK's objects through unchanged.

/**
 * Every subscription status the pinned API version knows. The status must be mapped value by
 * value (stripe-status.mapper.ts), so the type is closed: an unknown status is refused by the
 * adapter rather than guessed at here.
 */
export const STRIPE_SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const;

export type StripeSubscriptionStatus = (typeof STRIPE_SUBSCRIPTION_STATUSES)[number];

export function isStripeSubscriptionStatus(value: string): value is StripeSubscriptionStatus {
  return (STRIPE_SUBSCRIPTION_STATUSES as readonly string[]).includes(value);
}

/** An open set, as Stripe's SDK types it: the rules only test for values they know. */
type OtherString = string & Record<never, never>;

/** A list object; `data` is its first page only when `has_more` is true. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** Only the id of an expandable reference is read, whether or not it was expanded. */
export type StripeReference = string | { id: string };

export interface StripeSubscriptionItem {
  /** `si_…` */
  id: string;
  object: 'subscription_item';
  /** Since API 2025-03-31 the billing period is on each item, not on the subscription. */
  current_period_start: number;
  current_period_end: number;
}

export interface StripeSubscription {
  /** `sub_…` */
  id: string;
  object: 'subscription';
  status: StripeSubscriptionStatus;
  customer: StripeReference;
  currency: string;
  items: StripeList<StripeSubscriptionItem>;
  start_date: number;
  /** A future time at which the subscription will be cancelled, or when it was. */
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  /** When the cancellation was requested, not when it takes effect. */
  canceled_at: number | null;
  /** When the subscription ended, for an ended one. */
  ended_at: number | null;
  /** Stripe charges this first; it overrides every other default. */
  default_payment_method: string | StripePaymentMethod | null;
  /** A legacy source (`card_…`, `src_…`, …), charged when `default_payment_method` is unset. */
  default_source: string | StripeCustomerSource | null;
}

export interface StripeCardDetails {
  /** `visa`, `mastercard`, `amex`, … or `unknown`. */
  brand: string;
  last4: string;
  exp_month: number;
  /** Four digits. */
  exp_year: number;
}

export interface StripePaymentMethod {
  /** `pm_…` */
  id: string;
  object: 'payment_method';
  /** `card`, `sepa_debit`, `us_bank_account`, … */
  type: string;
  /** Present when `type` is `card`. */
  card?: StripeCardDetails;
}

/** A legacy Card object (`card_…`), as the Sources and Tokens APIs created them. */
export interface StripeLegacyCard {
  id: string;
  object: 'card';
  /** `Visa`, `American Express`, `MasterCard`, … (capitalised, unlike a PaymentMethod's). */
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
}

/** A legacy Source (`src_…`); one of type `card` carries its card under `card`. */
export interface StripeSource {
  id: string;
  object: 'source';
  /** `card`, `sepa_debit`, `ach_credit_transfer`, … */
  type: string;
  card?: {
    brand?: string | null;
    last4?: string | null;
    exp_month?: number | null;
    exp_year?: number | null;
  };
}

/** What a `default_source` can be (the SDK's `CustomerSource`); only cards are read. */
export type StripeCustomerSource =
  | StripeLegacyCard
  | StripeSource
  | { id: string; object: 'bank_account' }
  | { id: string; object: 'account' };

export interface StripeAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}

export interface StripeCustomer {
  /** `cus_…` */
  id: string;
  object: 'customer';
  deleted?: void;
  /** Name, email and address are managed outside the Stripe sync; no rule reads them. */
  name?: string | null;
  email: string | null;
  address?: StripeAddress | null;
  invoice_settings: {
    default_payment_method: string | StripePaymentMethod | null;
  };
  /** A legacy source, charged when no other default is set. */
  default_source: string | StripeCustomerSource | null;
}

/** What Stripe answers for a customer that has been deleted. */
export interface StripeDeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

export type StripeInvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface StripeInvoice {
  /**
   * `in_…`. A preview from `POST /v1/invoices/create_preview` has an `upcoming_in…` id that
   * is not stable from one preview to the next.
   */
  id: string;
  object: 'invoice';
  number: string | null;
  status: StripeInvoiceStatus | OtherString | null;
  currency: string;
  amount_due: number;
  /** Since API 2025-03-31 it counts payments made outside Stripe too (see paidAmountOf). */
  amount_paid: number;
  /**
   * What was paid outside Stripe (API 2026-05-27 and later). Includable: Stripe sends it only
   * when asked for with `expand[]=amount_paid_off_stripe` (`data.amount_paid_off_stripe` on a list).
   */
  amount_paid_off_stripe?: number;
  /** Null when `collection_method` is `send_invoice`. */
  next_payment_attempt: number | null;
  period_start: number;
  period_end: number;
  status_transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    marked_uncollectible_at: number | null;
    voided_at: number | null;
  };
  /** Since API 2025-03-31 the invoice names its subscription here, not in `subscription`. */
  parent: {
    type: 'quote_details' | 'subscription_details' | OtherString;
    subscription_details: { subscription: StripeReference } | null;
  } | null;
}
