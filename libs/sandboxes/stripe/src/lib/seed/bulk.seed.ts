import { SandboxInputError } from '@subsync/sandbox-kit';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { addDays, startOfUtcDay } from '../util/time';
import { seedDemoCatalog } from './demo-catalog';
import { STRIPE_SANDBOX_DEMO as DEMO } from './demo.constants';

// Many subscriptions at once, for backfills and load tests: customer `cus_bulk0000001` with
// subscription `sub_bulk0000001` and so on. Seeding is quiet (no events, no webhooks), like
// data that existed before the platform was connected.

export const STRIPE_BULK_MAX_INDEX = 9_999_999;
const BULK_ID = /^sub_bulk(\d{7})$/;

const digits = (i: number): string => {
  if (!Number.isInteger(i) || i < 1 || i > STRIPE_BULK_MAX_INDEX) {
    throw new RangeError(
      `a bulk index is an integer from 1 to ${STRIPE_BULK_MAX_INDEX} (got ${i})`,
    );
  }
  return String(i).padStart(7, '0');
};

/** The subscription id of bulk index `i`, e.g. 1 → `sub_bulk0000001`. */
export const stripeBulkSubscriptionId = (i: number): string => `sub_bulk${digits(i)}`;
/** The customer of bulk subscription `i`, e.g. 1 → `cus_bulk0000001`. */
export const stripeBulkCustomerId = (i: number): string => `cus_bulk${digits(i)}`;

export interface StripeBulkSeedOptions {
  subscriptions: number;
  /** The first index; default: one after the highest bulk index stored. */
  start?: number;
}

export interface StripeBulkSeedResult {
  count: number;
  first: string;
  last: string;
}

const PRICES = [
  { price: DEMO.prices.digitalMonthlyGbp, currency: 'gbp' },
  { price: DEMO.prices.digitalMonthlyUsd, currency: 'usd' },
  { price: DEMO.prices.digitalMonthlyEur, currency: 'eur' },
] as const;

/**
 * Adds `subscriptions` active monthly subscriptions, each with a customer of its own. Bulk
 * subscription i started `i mod 28` days ago (so the current periods differ) and was created
 * one second after i − 1, so `created` ranges select runs of them. The demo catalog's prices are
 * loaded first when missing (the `empty` seed).
 */
export function seedStripeBulk(
  store: StripeSandboxStore,
  options: StripeBulkSeedOptions,
): StripeBulkSeedResult {
  const { subscriptions: count } = options;
  if (!Number.isInteger(count) || count < 1) {
    throw new SandboxInputError(`subscriptions must be a positive integer (got ${count})`);
  }
  const start = options.start ?? nextStripeBulkIndex(store);
  const end = start + count - 1;
  if (!Number.isInteger(start) || start < 1 || end > STRIPE_BULK_MAX_INDEX) {
    throw new SandboxInputError(
      `bulk indexes run from 1 to ${STRIPE_BULK_MAX_INDEX}: start ${start} with ${count} subscriptions does not fit`,
    );
  }
  for (let i = start; i <= end; i += 1) {
    if (store.findSubscription(stripeBulkSubscriptionId(i)) !== undefined) {
      throw new SandboxInputError(
        `${stripeBulkSubscriptionId(i)} exists already; bulk seeding adds new subscriptions`,
        409,
      );
    }
  }
  if (store.findPrice(DEMO.prices.digitalMonthlyGbp) === undefined) seedDemoCatalog(store);
  const now = store.now();
  const today = startOfUtcDay(new Date(now * 1000));
  for (let i = start; i <= end; i += 1) {
    const { price, currency } = PRICES[i % PRICES.length]!;
    const customer = stripeBulkCustomerId(i);
    const created = now - (end - i) - 1;
    store.putCustomer(customer, {
      name: `Bulk Customer ${i}`,
      email: `bulk.${i}@example.com`,
      currency,
      created,
    });
    const startDate = addDays(today, -(i % 28)) + 9 * 3600;
    store.putSubscription(stripeBulkSubscriptionId(i), {
      customer,
      created,
      start_date: Math.min(startDate, created),
      items: [{ id: `si_bulk${digits(i)}`, price, created: Math.min(startDate, created) }],
    });
  }
  return {
    count,
    first: stripeBulkSubscriptionId(start),
    last: stripeBulkSubscriptionId(end),
  };
}

/** One after the highest bulk index stored, or 1. */
export function nextStripeBulkIndex(store: StripeSandboxStore): number {
  let highest = 0;
  for (const sub of store.listSubscriptions()) {
    const match = BULK_ID.exec(sub.id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}
