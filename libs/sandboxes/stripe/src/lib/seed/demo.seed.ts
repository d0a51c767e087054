import type { SeedName } from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { startOfUtcDay } from '../util/time';
import { seedDemoCatalog } from './demo-catalog';
import { seedDemoCustomers } from './demo-customers';
import { seedDemoSubscriptions } from './demo-subscriptions';

/**
 * Empties the store and, for `demo`, fills it with the demo account. Dates are computed from the
 * store's clock at seed time (so the demo stays current); ids are fixed.
 */
export function seedStore(store: StripeSandboxStore, seed: SeedName): void {
  store.clear();
  if (seed === 'empty') return;
  const now = new Date(store.now() * 1000);
  const today = startOfUtcDay(now);
  seedDemoCatalog(store);
  seedDemoCustomers(store, today, now);
  seedDemoSubscriptions(store, today);
}
