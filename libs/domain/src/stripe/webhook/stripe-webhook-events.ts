import { z } from 'zod';

// Which Stripe events say that something a Stripe sync reads may have changed, and which Stripe
// subscription or customer each one is about. The event payload is Stripe's `Event` object
// (https://docs.stripe.com/api/events/object); its `data.object` is rendered in the webhook
// endpoint's API version, so the fields read here are those that every recent version has, and
// an invoice's subscription is looked for both where API 2025-03-31 and later put it
// (`parent.subscription_details`) and where earlier versions did (`subscription`).

/** What an event asks for; the README's "Stripe webhooks" table says why each type is here. */
export type StripeEventScope =
  'subscription' | 'invoice' | 'customer' | 'payment-method' | 'source';

/** The event types that queue a sync, with the object each one carries. */
export const STRIPE_SYNC_EVENT_TYPES: Readonly<Record<string, StripeEventScope>> = {
  // The subscription itself: status, periods, cancellation, pause, items and prices.
  'customer.subscription.created': 'subscription',
  'customer.subscription.updated': 'subscription',
  'customer.subscription.deleted': 'subscription',
  'customer.subscription.paused': 'subscription',
  'customer.subscription.resumed': 'subscription',
  'customer.subscription.pending_update_applied': 'subscription',
  'customer.subscription.pending_update_expired': 'subscription',
  // The payment schedule: a paid invoice becomes a paid entry, and a renewal invoice moves the
  // upcoming one on; a failed payment moves the next attempt (and the subscription to past_due).
  'invoice.paid': 'invoice',
  'invoice.payment_failed': 'invoice',
  'invoice.finalized': 'invoice',
  'invoice.voided': 'invoice',
  'invoice.marked_uncollectible': 'invoice',
  // The card on file: the customer's default payment method, or a card's own details.
  'customer.updated': 'customer',
  'payment_method.attached': 'payment-method',
  'payment_method.detached': 'payment-method',
  'payment_method.updated': 'payment-method',
  'payment_method.automatically_updated': 'payment-method',
  // A legacy card (`card_…`) or Source (`src_…`) of the customer: the card Stripe charges when it
  // is the customer's or the subscription's `default_source`.
  'customer.source.created': 'source',
  'customer.source.updated': 'source',
  'customer.source.deleted': 'source',
};

/** Customer fields whose change can change the card on file; other changes (name, email, address) sync nothing. */
export const CUSTOMER_FIELDS_READ_BY_SYNC = ['invoice_settings', 'default_source'] as const;

/** The parts of a Stripe event this module reads (a structural subset of the SDK's `Stripe.Event`). */
export interface StripeWebhookEvent {
  id: string;
  type: string;
  data: { object: unknown; previous_attributes?: unknown };
}

export type StripeEventTarget =
  /** One Stripe subscription; `metadata` is the object's own (the subscription's or the invoice's). */
  | {
      kind: 'subscription';
      subscriptionId: string;
      customerId: string | null;
      /** The object whose metadata was read: `subscription` or `invoice`. */
      object: 'subscription' | 'invoice';
      objectId: string | null;
      metadata: Readonly<Record<string, string>>;
    }
  /** Every subscription of one Stripe customer (the card on file is the customer's). */
  | { kind: 'customer'; customerId: string }
  /** A handled type that, this time, concerns nothing a sync reads. */
  | { kind: 'irrelevant'; reason: string }
  /** A type subsync does not act on. */
  | { kind: 'unhandled'; reason: string };

/** Expandable references arrive as an id, or as the object when the sender expanded them. */
const reference = z
  .union([z.string().min(1), z.object({ id: z.string().min(1) })])
  .transform((ref) => (typeof ref === 'string' ? ref : ref.id));
const metadata = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((values) =>
    Object.fromEntries(
      Object.entries(values ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
  );

const subscriptionObject = z.object({
  object: z.literal('subscription'),
  id: z.string().min(1),
  customer: reference.nullish(),
  metadata,
});

const invoiceObject = z.object({
  object: z.literal('invoice'),
  id: z.string().nullish(),
  customer: reference.nullish(),
  metadata,
  subscription: reference.nullish(),
  parent: z
    .object({
      subscription_details: z.object({ subscription: reference.nullish() }).nullish(),
    })
    .nullish(),
});

const customerObject = z.object({ object: z.literal('customer'), id: z.string().min(1) });

const paymentMethodObject = z.object({
  object: z.literal('payment_method'),
  id: z.string().min(1),
  customer: reference.nullish(),
});
const legacySourceObject = z.object({
  object: z.enum(['card', 'source']),
  id: z.string().min(1),
  customer: reference.nullish(),
});
const detachedFrom = z.object({ customer: reference.nullish() }).nullish();

/**
 * Says which Stripe subscription or customer an event is about, or why it concerns no sync.
 * Never throws: an object that does not have the expected shape is `irrelevant`, with the reason.
 */
export function classifyStripeEvent(event: StripeWebhookEvent): StripeEventTarget {
  const scope = STRIPE_SYNC_EVENT_TYPES[event.type];
  if (scope === undefined) {
    return { kind: 'unhandled', reason: `${event.type} is not an event subsync syncs on` };
  }
  const { object, previous_attributes: previous } = event.data;
  switch (scope) {
    case 'subscription': {
      const sub = subscriptionObject.safeParse(object);
      if (!sub.success) return malformed(event, 'a subscription');
      return {
        kind: 'subscription',
        subscriptionId: sub.data.id,
        customerId: sub.data.customer ?? null,
        object: 'subscription',
        objectId: sub.data.id,
        metadata: sub.data.metadata,
      };
    }
    case 'invoice': {
      const invoice = invoiceObject.safeParse(object);
      if (!invoice.success) return malformed(event, 'an invoice');
      const subscriptionId =
        invoice.data.parent?.subscription_details?.subscription ?? invoice.data.subscription;
      if (subscriptionId === null || subscriptionId === undefined) {
        return {
          kind: 'irrelevant',
          reason: `invoice ${invoice.data.id ?? '(upcoming)'} belongs to no subscription`,
        };
      }
      return {
        kind: 'subscription',
        subscriptionId,
        customerId: invoice.data.customer ?? null,
        object: 'invoice',
        objectId: invoice.data.id ?? null,
        metadata: invoice.data.metadata,
      };
    }
    case 'customer': {
      const customer = customerObject.safeParse(object);
      if (!customer.success) return malformed(event, 'a customer');
      if (!touchesFieldsReadBySync(previous)) {
        return {
          kind: 'irrelevant',
          reason: `customer ${customer.data.id} changed nothing a sync reads (only ${changedFields(previous)})`,
        };
      }
      return { kind: 'customer', customerId: customer.data.id };
    }
    case 'payment-method': {
      const pm = paymentMethodObject.safeParse(object);
      if (!pm.success) return malformed(event, 'a payment method');
      // A detached card has no customer any more; the one it left is in previous_attributes.
      const before = detachedFrom.safeParse(previous);
      const customerId =
        pm.data.customer ?? (before.success ? (before.data?.customer ?? null) : null);
      if (customerId === null) {
        return {
          kind: 'irrelevant',
          reason: `payment method ${pm.data.id} belongs to no customer`,
        };
      }
      return { kind: 'customer', customerId };
    }
    case 'source': {
      const source = legacySourceObject.safeParse(object);
      if (!source.success) return malformed(event, 'a card or source');
      const customerId = source.data.customer ?? null;
      if (customerId === null) {
        return { kind: 'irrelevant', reason: `source ${source.data.id} belongs to no customer` };
      }
      return { kind: 'customer', customerId };
    }
  }
}

function malformed(event: StripeWebhookEvent, what: string): StripeEventTarget {
  return {
    kind: 'irrelevant',
    reason: `${event.type} ${event.id} does not carry ${what} subsync can read`,
  };
}

/** Without `previous_attributes` there is no telling what changed, so it counts as relevant. */
function touchesFieldsReadBySync(previous: unknown): boolean {
  if (previous === null || typeof previous !== 'object') return true;
  return CUSTOMER_FIELDS_READ_BY_SYNC.some((field) => field in previous);
}

function changedFields(previous: unknown): string {
  const fields = previous !== null && typeof previous === 'object' ? Object.keys(previous) : [];
  return fields.length === 0 ? 'nothing' : fields.sort().join(', ');
}
