import type { SeedName } from '../store/sandbox.records';
import type { SandboxStore } from '../store/sandbox.store';
import { stableZuoraId } from '../util/ids';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoOrders } from './demo-orders';
import { seedDemoSubscriptions } from './demo-subscriptions';

/**
 * Empties the store and, for `demo`, fills it with the demo tenant. Dates are computed from the
 * store's clock at seed time, so the demo stays current; ids are derived from labels and stable.
 */
export function seedStore(store: SandboxStore, seed: SeedName): void {
  store.clear();
  if (seed === 'empty') return;
  const today = store.today();
  store.withIdFactory(stableZuoraId, () => {
    seedDemoAccounts(store, today);
    seedDemoSubscriptions(store, today);
    seedDemoOrders(store, today);
  });
}
