import { SandboxInputError } from '@subsync/sandbox-kit';
import { formatAmount } from '../util/money';
import type { UnixSeconds } from '../util/time';
import type { ParsedInvoice } from './sandbox.inputs';
import type {
  CustomerRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  PriceRecord,
  SubscriptionRecord,
} from './sandbox.records';

export interface InvoiceBuildContext {
  now: UnixSeconds;
  customer: CustomerRecord;
  subscription: SubscriptionRecord | undefined;
  existing: InvoiceRecord | undefined;
  newId: (prefix: string) => string;
  findPrice: (id: string) => PriceRecord | undefined;
  productName: (productId: string) => string;
  /** The next invoice number of the customer (`PREFIX-0001`); only called for finalized invoices. */
  nextNumber: () => string;
}

/** Stripe finalizes a subscription invoice about an hour after creating it. */
const FINALIZE_AFTER_SECONDS = 3600;

function defaultLines(
  input: ParsedInvoice,
  currency: string,
  context: InvoiceBuildContext,
  newId: () => string,
): InvoiceLineRecord[] {
  const { subscription, now } = context;
  const created = input.created ?? now;
  if (subscription && input.amount_due === undefined) {
    return subscription.items.map((item) => {
      const price = context.findPrice(item.price);
      return {
        id: newId(),
        amount: (price?.unit_amount ?? 0) * item.quantity,
        currency,
        description: describeItem(
          price,
          price ? context.productName(price.product) : '',
          item.quantity,
        ),
        period_start: item.current_period_start,
        period_end: item.current_period_end,
        quantity: item.quantity,
        price: item.price,
        subscription_item: item.id,
        proration: false,
      };
    });
  }
  const firstItem = subscription?.items[0];
  return [
    {
      id: newId(),
      amount: input.amount_due ?? 0,
      currency,
      description: input.description ?? null,
      period_start: firstItem?.current_period_start ?? created,
      period_end: firstItem?.current_period_end ?? created,
      quantity: 1,
      price: firstItem?.price ?? null,
      subscription_item: firstItem?.id ?? null,
      proration: false,
    },
  ];
}

/** Stripe's line description for a subscription item, e.g. `1 × Digital (at £12.99 / month)`. */
export function describeItem(
  price: PriceRecord | undefined,
  productName: string,
  quantity: number,
): string {
  if (!price) return `${quantity} × subscription item`;
  const every = price.recurring
    ? price.recurring.interval_count === 1
      ? ` / ${price.recurring.interval}`
      : ` every ${price.recurring.interval_count} ${price.recurring.interval}s`
    : '';
  return `${quantity} × ${productName} (at ${formatAmount(price.unit_amount, price.currency)}${every})`;
}

/** An invoice record from admin input, deriving amounts, transitions and number like Stripe does. */
export function buildInvoice(
  id: string,
  input: ParsedInvoice,
  context: InvoiceBuildContext,
): InvoiceRecord {
  const { customer, subscription, existing, now } = context;
  const created = input.created ?? existing?.created ?? now;
  const currency = input.currency ?? subscription?.currency ?? customer.currency ?? 'usd';
  let lineCount = 0;
  const lineId = (): string => {
    lineCount += 1;
    return id.startsWith('in_') ? `il_${id.slice(3)}_${lineCount}` : context.newId('il');
  };
  const lines: InvoiceLineRecord[] = input.lines
    ? input.lines.map((line) => ({
        id: line.id ?? lineId(),
        amount: line.amount,
        currency,
        description: line.description ?? null,
        period_start: line.period?.start ?? created,
        period_end: line.period?.end ?? created,
        quantity: line.quantity ?? 1,
        price: line.price ?? null,
        subscription_item: line.subscription_item ?? null,
        proration: line.proration ?? false,
      }))
    : defaultLines(input, currency, context, lineId);
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const status = input.status;
  const amountDue = input.amount_due ?? total;
  const amountPaid = input.amount_paid ?? (status === 'paid' ? amountDue : 0);
  if (amountPaid > amountDue) {
    throw new SandboxInputError(`amount_paid ${amountPaid} exceeds amount_due ${amountDue}`);
  }
  const paidOffStripe = input.amount_paid_off_stripe ?? 0;
  if (paidOffStripe > amountPaid) {
    throw new SandboxInputError(
      `amount_paid_off_stripe ${paidOffStripe} exceeds amount_paid ${amountPaid}, which counts it`,
    );
  }
  const transitions = input.status_transitions ?? {};
  const finalizedAt =
    status === 'draft'
      ? null
      : (transitions.finalized_at ??
        (input.billing_reason === 'subscription_create'
          ? created
          : created + FINALIZE_AFTER_SECONDS));
  const paidAt = status === 'paid' ? (transitions.paid_at ?? finalizedAt) : null;
  const collectionMethod =
    input.collection_method ?? subscription?.collection_method ?? 'charge_automatically';
  const attemptCount = input.attempt_count ?? (status === 'paid' || status === 'open' ? 1 : 0);
  return {
    id,
    number: status === 'draft' ? null : (input.number ?? existing?.number ?? context.nextNumber()),
    customer: customer.id,
    subscription: subscription?.id ?? null,
    status,
    created,
    currency,
    subtotal: total,
    total,
    amount_due: amountDue,
    amount_paid: amountPaid,
    amount_paid_off_stripe: paidOffStripe,
    amount_remaining: status === 'paid' || status === 'void' ? 0 : amountDue - amountPaid,
    period_start: input.period_start ?? created,
    period_end: input.period_end ?? created,
    billing_reason: input.billing_reason ?? (subscription ? 'subscription_cycle' : 'manual'),
    collection_method: collectionMethod,
    due_date:
      input.due_date ??
      (collectionMethod === 'send_invoice' && finalizedAt !== null
        ? finalizedAt + (subscription?.days_until_due ?? 30) * 86_400
        : null),
    next_payment_attempt:
      input.next_payment_attempt !== undefined
        ? input.next_payment_attempt
        : status === 'open' && collectionMethod === 'charge_automatically'
          ? (finalizedAt ?? created) + 3 * 86_400
          : status === 'draft' && collectionMethod === 'charge_automatically'
            ? created + FINALIZE_AFTER_SECONDS
            : null,
    attempt_count: attemptCount,
    attempted: attemptCount > 0,
    default_payment_method: input.default_payment_method ?? null,
    finalized_at: finalizedAt,
    paid_at: paidAt,
    voided_at: status === 'void' ? (transitions.voided_at ?? finalizedAt ?? created) : null,
    marked_uncollectible_at:
      status === 'uncollectible' ? (transitions.marked_uncollectible_at ?? finalizedAt) : null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    customer_email: customer.email,
    customer_name: customer.name,
    lines,
  };
}
