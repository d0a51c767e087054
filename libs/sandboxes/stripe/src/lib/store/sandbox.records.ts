// What the sandbox stores. Field names follow Stripe's (snake_case), so views stay thin; the
// views add the many fields Stripe always returns with fixed defaults. Times are Unix seconds.

import type { RecurringInterval, UnixSeconds } from '../util/time';

export type SeedName = 'demo' | 'empty';
export type Metadata = Record<string, string>;

export interface AddressRecord {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2, as Stripe stores countries. */
  country: string | null;
}

export interface CustomerRecord {
  id: string;
  created: UnixSeconds;
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  address: AddressRecord | null;
  currency: string | null;
  balance: number;
  delinquent: boolean;
  invoice_prefix: string;
  next_invoice_sequence: number;
  /** `invoice_settings.default_payment_method`. */
  default_payment_method: string | null;
  /** A legacy source (`card_…`, `src_…`), charged when no default payment method is set. */
  default_source: string | null;
  metadata: Metadata;
  /** A deleted customer answers `{ id, object: 'customer', deleted: true }`. */
  deleted: boolean;
}

export interface CardRecord {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  country: string | null;
  fingerprint: string;
}

export interface BillingDetailsRecord {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: AddressRecord | null;
}

export interface PaymentMethodRecord {
  id: string;
  created: UnixSeconds;
  customer: string | null;
  type: 'card';
  card: CardRecord;
  billing_details: BillingDetailsRecord;
  metadata: Metadata;
}

/**
 * A legacy payment source of a customer: a Card object (`card_…`, from the Tokens/Sources era)
 * or a Source of type card (`src_…`). Brands are as those APIs show them (`Visa`, `MasterCard`).
 */
export interface SourceRecord {
  id: string;
  object: 'card' | 'source';
  created: UnixSeconds;
  customer: string | null;
  card: CardRecord;
  metadata: Metadata;
}

export interface ProductRecord {
  id: string;
  created: UnixSeconds;
  name: string;
  description: string | null;
  active: boolean;
}

export interface PriceRecord {
  id: string;
  created: UnixSeconds;
  product: string;
  currency: string;
  /** In the currency's minor unit; for zero-decimal currencies (JPY…) the unit itself. */
  unit_amount: number;
  recurring: { interval: RecurringInterval; interval_count: number } | null;
  nickname: string | null;
  lookup_key: string | null;
  active: boolean;
  metadata: Metadata;
}

export interface SubscriptionItemRecord {
  id: string;
  created: UnixSeconds;
  price: string;
  quantity: number;
  current_period_start: UnixSeconds;
  current_period_end: UnixSeconds;
  metadata: Metadata;
}

export interface CancellationDetailsRecord {
  comment: string | null;
  feedback: string | null;
  reason: string | null;
}

export interface SubscriptionRecord {
  id: string;
  created: UnixSeconds;
  customer: string;
  /** Kept as given (Stripe's values, or anything a test needs). */
  status: string;
  start_date: UnixSeconds;
  billing_cycle_anchor: UnixSeconds;
  cancel_at: UnixSeconds | null;
  cancel_at_period_end: boolean;
  canceled_at: UnixSeconds | null;
  ended_at: UnixSeconds | null;
  cancellation_details: CancellationDetailsRecord;
  collection_method: 'charge_automatically' | 'send_invoice';
  currency: string;
  days_until_due: number | null;
  default_payment_method: string | null;
  default_source: string | null;
  description: string | null;
  metadata: Metadata;
  trial_start: UnixSeconds | null;
  trial_end: UnixSeconds | null;
  items: SubscriptionItemRecord[];
}

export interface InvoiceLineRecord {
  id: string;
  amount: number;
  currency: string;
  description: string | null;
  period_start: UnixSeconds;
  period_end: UnixSeconds;
  quantity: number;
  price: string | null;
  subscription_item: string | null;
  proration: boolean;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface InvoiceRecord {
  id: string;
  number: string | null;
  customer: string;
  subscription: string | null;
  status: InvoiceStatus;
  created: UnixSeconds;
  currency: string;
  subtotal: number;
  total: number;
  amount_due: number;
  /** Counts payments made outside Stripe too, as Stripe's does since API 2025-03-31.basil. */
  amount_paid: number;
  /** The part of `amount_paid` paid outside Stripe; includable (`expand[]`), never sent unasked. */
  amount_paid_off_stripe: number;
  amount_remaining: number;
  /** For a subscription invoice Stripe's period looks back one period; lines carry the service period. */
  period_start: UnixSeconds;
  period_end: UnixSeconds;
  billing_reason: string;
  collection_method: 'charge_automatically' | 'send_invoice';
  due_date: UnixSeconds | null;
  next_payment_attempt: UnixSeconds | null;
  attempt_count: number;
  attempted: boolean;
  default_payment_method: string | null;
  finalized_at: UnixSeconds | null;
  paid_at: UnixSeconds | null;
  voided_at: UnixSeconds | null;
  marked_uncollectible_at: UnixSeconds | null;
  description: string | null;
  metadata: Metadata;
  customer_email: string | null;
  customer_name: string | null;
  lines: InvoiceLineRecord[];
}

/** What `create_preview` answers for a subscription, when set by hand instead of computed. */
export type UpcomingInvoiceSetting =
  | { none: true }
  | {
      none?: false;
      amount_due?: number;
      next_payment_attempt?: UnixSeconds;
      lines?: {
        description: string | null;
        amount: number;
        quantity: number;
        price: string | null;
        period_start?: UnixSeconds;
        period_end?: UnixSeconds;
      }[];
    };
