import { describeItem } from '../store/invoice.builder';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { addMonths, type UnixSeconds } from '../util/time';

export const HOUR = 3600;

interface RenewalPlan {
  subscription: string;
  /** Invoice ids are `${idPrefix}01`, `02` … */
  idPrefix: string;
  start: UnixSeconds;
  /** How many monthly invoices, from the first (at `start`) on. */
  count: number;
  items: { id: string; price: string; quantity?: number }[];
}

/**
 * Paid monthly invoices as Stripe issues them: the first at subscription creation, the others at
 * each renewal, finalized and paid an hour later. The invoice's period looks back one period
 * (empty for the first invoice); each line carries the service period it pays for.
 */
export function seedPaidRenewals(store: StripeSandboxStore, plan: RenewalPlan): void {
  for (let k = 0; k < plan.count; k += 1) {
    const created = addMonths(plan.start, k);
    const first = k === 0;
    store.putInvoice(`${plan.idPrefix}${String(k + 1).padStart(2, '0')}`, {
      subscription: plan.subscription,
      status: 'paid',
      created,
      billing_reason: first ? 'subscription_create' : 'subscription_cycle',
      period_start: first ? created : addMonths(plan.start, k - 1),
      period_end: created,
      lines: plan.items.map((item) => lineFor(store, item, created, addMonths(plan.start, k + 1))),
      status_transitions: { paid_at: first ? created : created + HOUR },
    });
  }
}

export function lineFor(
  store: StripeSandboxStore,
  item: { id: string; price: string; quantity?: number },
  start: UnixSeconds,
  end: UnixSeconds,
) {
  const price = store.findPrice(item.price);
  const quantity = item.quantity ?? 1;
  return {
    amount: (price?.unit_amount ?? 0) * quantity,
    quantity,
    price: item.price,
    subscription_item: item.id,
    description: describeItem(
      price,
      price ? (store.findProduct(price.product)?.name ?? '') : '',
      quantity,
    ),
    period: { start, end },
  };
}
