import { periodContaining, type UnixSeconds } from '../util/time';
import type { ParsedSubscription, ParsedSubscriptionItem } from './sandbox.inputs';
import type { PriceRecord, SubscriptionItemRecord, SubscriptionRecord } from './sandbox.records';

export interface SubscriptionBuildContext {
  now: UnixSeconds;
  existing: SubscriptionRecord | undefined;
  newId: (prefix: string) => string;
  /** Resolves (creating if needed) the item's price. */
  priceOf: (item: ParsedSubscriptionItem, fallbackCurrency: string | undefined) => PriceRecord;
  customerCurrency: string | null;
}

/** A subscription record from admin input, with Stripe-like defaults for what was left out. */
export function buildSubscription(
  id: string,
  input: ParsedSubscription,
  context: SubscriptionBuildContext,
): SubscriptionRecord {
  const { now, existing } = context;
  const created = input.created ?? existing?.created ?? input.start_date ?? now;
  const startDate = input.start_date ?? created;
  const anchor = input.billing_cycle_anchor ?? startDate;
  const endedAt = input.ended_at ?? null;
  const requestedCurrency = input.currency ?? context.customerCurrency ?? undefined;
  const prices = input.items.map((item) => context.priceOf(item, requestedCurrency));
  const currency = input.currency ?? prices[0]?.currency ?? context.customerCurrency ?? 'usd';
  // Periods: the one containing "now" (or the end, for an ended subscription), from the anchor.
  const periodAt = Math.min(endedAt ?? now, now);
  const items: SubscriptionItemRecord[] = input.items.map((item, index) => {
    const price = prices[index] as PriceRecord;
    const recurring = price.recurring ?? { interval: 'month' as const, interval_count: 1 };
    const period = periodContaining(anchor, recurring.interval, recurring.interval_count, periodAt);
    return {
      id: item.id ?? existing?.items[index]?.id ?? context.newId('si'),
      created: item.created ?? created,
      price: price.id,
      quantity: item.quantity ?? 1,
      current_period_start: item.current_period_start ?? period.start,
      current_period_end: item.current_period_end ?? period.end,
      metadata: item.metadata ?? {},
    };
  });
  return {
    id,
    created,
    customer: input.customer,
    status: input.status ?? (endedAt !== null ? 'canceled' : 'active'),
    start_date: startDate,
    billing_cycle_anchor: anchor,
    cancel_at: input.cancel_at ?? null,
    cancel_at_period_end: input.cancel_at_period_end ?? false,
    canceled_at: input.canceled_at ?? null,
    ended_at: endedAt,
    cancellation_details: {
      comment: input.cancellation_details?.comment ?? null,
      feedback: input.cancellation_details?.feedback ?? null,
      reason: input.cancellation_details?.reason ?? null,
    },
    collection_method: input.collection_method ?? 'charge_automatically',
    currency,
    days_until_due: input.days_until_due ?? null,
    default_payment_method: input.default_payment_method ?? null,
    default_source: input.default_source ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    trial_start: input.trial_start ?? null,
    trial_end: input.trial_end ?? null,
    items,
  };
}
