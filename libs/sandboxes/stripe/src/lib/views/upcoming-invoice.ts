import { describeItem } from '../store/invoice.builder';
import type {
  InvoiceLineRecord,
  InvoiceRecord,
  SubscriptionRecord,
} from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { randomStripeId } from '../util/ids';
import { addInterval } from '../util/time';

/** Statuses that never bill again. */
const NOTHING_TO_BILL = new Set(['canceled', 'incomplete', 'incomplete_expired', 'paused']);
/** Stripe attempts payment about an hour after the renewal invoice is created. */
const PAYMENT_ATTEMPT_DELAY_SECONDS = 3600;

/**
 * The invoice `create_preview` answers for a subscription's next renewal, or null when Stripe
 * would answer `invoice_upcoming_none`: the subscription has ended, is paused, or will cancel
 * before its next period (`cancel_at_period_end`, or `cancel_at` within the current period).
 *
 * As for a real renewal invoice, the invoice's `period_start`/`period_end` look back on the
 * current period, while each line's `period` is the next service period.
 */
export function previewInvoice(
  sub: SubscriptionRecord,
  store: StripeSandboxStore,
): InvoiceRecord | null {
  const setting = store.upcomingInvoiceSetting(sub.id);
  if (setting?.none) return null;
  if (NOTHING_TO_BILL.has(sub.status) || sub.cancel_at_period_end) return null;
  const periodStart = Math.min(...sub.items.map((i) => i.current_period_start));
  const periodEnd = Math.max(...sub.items.map((i) => i.current_period_end));
  if (sub.cancel_at !== null && sub.cancel_at <= periodEnd) return null;

  const id = randomStripeId('upcoming_in');
  let n = 0;
  const lineId = (): string => {
    n += 1;
    return `il_tmp_${id.slice('upcoming_in_'.length)}${n}`;
  };
  const computed: InvoiceLineRecord[] = sub.items.map((item) => {
    const price = store.findPrice(item.price);
    const recurring = price?.recurring ?? { interval: 'month' as const, interval_count: 1 };
    return {
      id: lineId(),
      amount: (price?.unit_amount ?? 0) * item.quantity,
      currency: sub.currency,
      description: describeItem(
        price,
        price ? (store.findProduct(price.product)?.name ?? price.product) : '',
        item.quantity,
      ),
      period_start: item.current_period_end,
      period_end: addInterval(
        item.current_period_end,
        recurring.interval,
        recurring.interval_count,
      ),
      quantity: item.quantity,
      price: item.price,
      subscription_item: item.id,
      proration: false,
    };
  });
  const first = computed[0];
  const lines: InvoiceLineRecord[] =
    setting?.lines?.map((line, index) => ({
      id: lineId(),
      amount: line.amount,
      currency: sub.currency,
      description: line.description,
      period_start: line.period_start ?? computed[index]?.period_start ?? periodEnd,
      period_end: line.period_end ?? computed[index]?.period_end ?? periodEnd,
      quantity: line.quantity,
      price: line.price,
      subscription_item: sub.items[index]?.id ?? null,
      proration: false,
    })) ??
    (setting?.amount_due !== undefined && first
      ? [{ ...first, amount: setting.amount_due, quantity: 1 }]
      : computed);
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const amountDue = setting?.amount_due ?? total;
  const customer = store.findCustomer(sub.customer);
  return {
    id,
    number: null,
    customer: sub.customer,
    subscription: sub.id,
    status: 'draft',
    created: periodEnd,
    currency: sub.currency,
    subtotal: total,
    total,
    amount_due: amountDue,
    amount_paid: 0,
    amount_paid_off_stripe: 0,
    amount_remaining: amountDue,
    period_start: periodStart,
    period_end: periodEnd,
    billing_reason: 'upcoming',
    collection_method: sub.collection_method,
    due_date: null,
    next_payment_attempt:
      setting?.next_payment_attempt ??
      (sub.collection_method === 'charge_automatically'
        ? periodEnd + PAYMENT_ATTEMPT_DELAY_SECONDS
        : null),
    attempt_count: 0,
    attempted: false,
    default_payment_method: null,
    finalized_at: null,
    paid_at: null,
    voided_at: null,
    marked_uncollectible_at: null,
    description: null,
    metadata: {},
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    lines,
  };
}
