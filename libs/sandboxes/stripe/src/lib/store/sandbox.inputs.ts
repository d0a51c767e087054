import { z } from 'zod';

// What the admin API (and the demo seed) accepts: Stripe's own field names, a subset of each
// object. Times are Unix seconds, or ISO strings (`2026-01-31` / `2026-01-31T10:00:00Z`) for
// convenience. `status` values are kept as given, so a test can make the sandbox answer with data
// a client does not expect.

const isoDateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => Math.floor(Date.parse(s) / 1000));
const isoDate = z.iso.date().transform((s) => Math.floor(Date.parse(`${s}T00:00:00Z`) / 1000));
export const timestamp = z.union([z.number().int().nonnegative(), isoDateTime, isoDate]);
const optionalTimestamp = timestamp.nullable().optional();
const text = z.string().nullable().optional();
const metadata = z.record(z.string(), z.string());
const currency = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, 'expected a three-letter ISO currency code')
  .transform((c) => c.toLowerCase());
const amount = z.number().int();

export const addressInputSchema = z.strictObject({
  line1: text,
  line2: text,
  city: text,
  state: text,
  postal_code: text,
  country: z.string().length(2).nullable().optional(),
});

export const customerInputSchema = z.strictObject({
  created: timestamp.optional(),
  email: text,
  name: text,
  phone: text,
  description: text,
  address: addressInputSchema.nullable().optional(),
  currency: currency.nullable().optional(),
  balance: amount.optional(),
  delinquent: z.boolean().optional(),
  invoice_prefix: z
    .string()
    .regex(/^[A-Z0-9]{3,12}$/, 'expected 3–12 upper-case letters or digits')
    .optional(),
  invoice_settings: z
    .strictObject({ default_payment_method: z.string().nullable().optional() })
    .optional(),
  /** A legacy source of the customer (`card_…`, `src_…`). */
  default_source: text,
  metadata: metadata.optional(),
  deleted: z.boolean().optional(),
});
export type CustomerInput = z.input<typeof customerInputSchema>;
export type ParsedCustomer = z.output<typeof customerInputSchema>;

/** A card's details, on a payment method or a legacy source. */
const cardInput = z.strictObject({
  brand: z.string(),
  last4: z.string().regex(/^\d{4}$/, 'expected four digits'),
  exp_month: z.number().int().min(1).max(12),
  exp_year: z.number().int().min(1000).max(9999),
  funding: z.string().optional(),
  country: z.string().length(2).nullable().optional(),
  fingerprint: z.string().optional(),
});
export type ParsedCard = z.output<typeof cardInput>;

export const paymentMethodInputSchema = z.strictObject({
  created: timestamp.optional(),
  customer: z.string().nullable().optional(),
  type: z.literal('card').optional(),
  card: cardInput,
  billing_details: z
    .object({
      name: text,
      email: text,
      phone: text,
      address: addressInputSchema.nullable().optional(),
    })
    .optional(),
  metadata: metadata.optional(),
});
export type PaymentMethodInput = z.input<typeof paymentMethodInputSchema>;
export type ParsedPaymentMethod = z.output<typeof paymentMethodInputSchema>;

/** A legacy Card (`card_…`) or card Source (`src_…`); the id's prefix says which. */
export const sourceInputSchema = z.strictObject({
  created: timestamp.optional(),
  customer: z.string().nullable().optional(),
  /** Brands as the legacy APIs name them: `Visa`, `American Express`, `MasterCard`, … */
  card: cardInput,
  metadata: metadata.optional(),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

const interval = z.enum(['day', 'week', 'month', 'year']);

export const priceInputSchema = z.strictObject({
  id: z.string().optional(),
  unit_amount: amount.nonnegative(),
  currency: currency.optional(),
  recurring: z
    .object({ interval, interval_count: z.number().int().min(1).optional() })
    .nullable()
    .optional(),
  product: z
    .union([
      z.string(),
      z.strictObject({ id: z.string().optional(), name: z.string(), description: text }),
    ])
    .optional(),
  nickname: text,
  lookup_key: text,
  metadata: metadata.optional(),
});
export type PriceInput = z.input<typeof priceInputSchema>;
export type ParsedPrice = z.output<typeof priceInputSchema>;

export const subscriptionItemInputSchema = z.strictObject({
  id: z.string().optional(),
  created: timestamp.optional(),
  /** An existing price id, or a price to create (or replace, when it has an id). */
  price: z.union([z.string(), priceInputSchema]),
  quantity: z.number().int().min(0).optional(),
  current_period_start: timestamp.optional(),
  current_period_end: timestamp.optional(),
  metadata: metadata.optional(),
});
export type ParsedSubscriptionItem = z.output<typeof subscriptionItemInputSchema>;

const cancellationDetails = z.strictObject({ comment: text, feedback: text, reason: text });
const collectionMethod = z.enum(['charge_automatically', 'send_invoice']);

export const subscriptionInputSchema = z.strictObject({
  customer: z.string(),
  status: z.string().optional(),
  created: timestamp.optional(),
  start_date: timestamp.optional(),
  billing_cycle_anchor: timestamp.optional(),
  cancel_at: optionalTimestamp,
  cancel_at_period_end: z.boolean().optional(),
  canceled_at: optionalTimestamp,
  ended_at: optionalTimestamp,
  cancellation_details: cancellationDetails.optional(),
  collection_method: collectionMethod.optional(),
  currency: currency.optional(),
  days_until_due: z.number().int().nullable().optional(),
  default_payment_method: text,
  default_source: text,
  description: text,
  metadata: metadata.optional(),
  trial_start: optionalTimestamp,
  trial_end: optionalTimestamp,
  items: z.array(subscriptionItemInputSchema).min(1),
});
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;
export type ParsedSubscription = z.output<typeof subscriptionInputSchema>;

export const subscriptionPatchSchema = z.strictObject({
  status: z.string().optional(),
  cancel_at: optionalTimestamp,
  cancel_at_period_end: z.boolean().optional(),
  canceled_at: optionalTimestamp,
  ended_at: optionalTimestamp,
  cancellation_details: cancellationDetails.optional(),
  collection_method: collectionMethod.optional(),
  default_payment_method: text,
  default_source: text,
  description: text,
  metadata: metadata.optional(),
  trial_start: optionalTimestamp,
  trial_end: optionalTimestamp,
  /** Changes to existing items, found by id. */
  items: z
    .array(
      z.strictObject({
        id: z.string(),
        quantity: z.number().int().min(0).optional(),
        current_period_start: timestamp.optional(),
        current_period_end: timestamp.optional(),
        metadata: metadata.optional(),
      }),
    )
    .optional(),
});
export type SubscriptionPatch = z.input<typeof subscriptionPatchSchema>;
export type ParsedSubscriptionPatch = z.output<typeof subscriptionPatchSchema>;

const period = z.strictObject({ start: timestamp, end: timestamp });

export const invoiceLineInputSchema = z.strictObject({
  id: z.string().optional(),
  description: text,
  amount,
  quantity: z.number().int().min(0).optional(),
  price: text,
  subscription_item: text,
  period: period.optional(),
  proration: z.boolean().optional(),
});

export const invoiceInputSchema = z.strictObject({
  customer: z.string().optional(),
  subscription: z.string().nullable().optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).default('paid'),
  number: text,
  created: timestamp.optional(),
  currency: currency.optional(),
  billing_reason: z.string().optional(),
  collection_method: collectionMethod.optional(),
  period_start: timestamp.optional(),
  period_end: timestamp.optional(),
  due_date: optionalTimestamp,
  next_payment_attempt: optionalTimestamp,
  attempt_count: z.number().int().min(0).optional(),
  default_payment_method: text,
  description: text,
  metadata: metadata.optional(),
  /** Defaults to the lines' total. */
  amount_due: amount.nonnegative().optional(),
  /**
   * Defaults to `amount_due` for a paid invoice, else 0. It counts what was paid outside Stripe
   * too, as Stripe's does since API 2025-03-31.basil.
   */
  amount_paid: amount.nonnegative().optional(),
  /** The part of `amount_paid` paid outside Stripe (out of band); default 0. */
  amount_paid_off_stripe: amount.nonnegative().optional(),
  /** Defaults: one line per subscription item (or one line of `amount_due`). */
  lines: z.array(invoiceLineInputSchema).optional(),
  status_transitions: z
    .object({
      finalized_at: optionalTimestamp,
      paid_at: optionalTimestamp,
      voided_at: optionalTimestamp,
      marked_uncollectible_at: optionalTimestamp,
    })
    .optional(),
});
export type InvoiceInput = z.input<typeof invoiceInputSchema>;
export type ParsedInvoice = z.output<typeof invoiceInputSchema>;

export const upcomingInvoiceInputSchema = z.union([
  z.strictObject({ none: z.literal(true) }),
  z.strictObject({
    none: z.literal(false).optional(),
    amount_due: amount.nonnegative().optional(),
    next_payment_attempt: timestamp.optional(),
    lines: z
      .array(
        z.strictObject({
          description: text,
          amount,
          quantity: z.number().int().min(0).optional(),
          price: text,
          period: period.optional(),
        }),
      )
      .optional(),
  }),
]);
export type UpcomingInvoiceInput = z.input<typeof upcomingInvoiceInputSchema>;
