import type { InMemorySubscription } from '@subsync/persistence';

/**
 * A subscription the in-memory store holds already: by default `sub-z1`, billed by Zuora as
 * A-S00000271 and never synced; `overrides` change any field.
 */
export function aStoredSubscription(
  overrides: Partial<InMemorySubscription> = {},
): InMemorySubscription {
  return {
    id: 'sub-z1',
    reference: 'A-S00000271',
    source: 'zuora',
    key: 'A-S00000271',
    ownerId: 'id-1',
    customerId: 'cus-1',
    imported: true,
    references: {},
    version: 3,
    lastSyncedAt: null,
    terms: { status: 'active', termStart: null, termEnd: null, autoRenew: true },
    addresses: [],
    offers: [],
    schedule: [],
    ...overrides,
  };
}
