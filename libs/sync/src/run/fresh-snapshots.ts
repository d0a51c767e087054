import { decideSnapshot, type Provider, supersededInBatch } from '@subsync/domain';
import type { StoredSubscription, SyncStore } from '@subsync/persistence';
import { type ApplyItem, StaleSnapshotError } from './sync-provider';

/** How a writer names the subscription a snapshot is of, and the snapshot's version (if any). */
export interface SnapshotIdentity {
  key: string;
  version: number | null;
}

/**
 * The first step of every writer: lock the stored subscriptions the snapshots name, and set
 * aside the stale snapshots, to be fetched again: one that a later fetch of the same
 * subscription in this batch supersedes, and one fetched before another sync of it committed
 * (or older by version). What is left may be applied over the locked rows.
 */
export async function lockFreshSnapshots<TSnapshot>(
  store: SyncStore,
  provider: Provider,
  items: readonly ApplyItem<TSnapshot>[],
  identify: (snapshot: TSnapshot) => SnapshotIdentity,
): Promise<{ stored: Map<string, StoredSubscription>; stale: Map<number, StaleSnapshotError> }> {
  const identities = items.map((item) => identify(item.snapshot));
  const stored = await store.lockSubscriptions(
    provider,
    identities.map((identity) => identity.key),
  );
  const superseded = supersededInBatch(
    items.map((item, index) => ({
      key: identities[index]!.key,
      fetchStartedAt: item.fetchStartedAt,
    })),
  );
  const stale = new Map<number, StaleSnapshotError>();
  items.forEach((item, index) => {
    const { key, version } = identities[index]!;
    const reason = superseded.get(index);
    if (reason !== undefined) {
      stale.set(index, new StaleSnapshotError(reason));
      return;
    }
    const existing = stored.get(key);
    if (existing === undefined) return;
    const decision = decideSnapshot(
      { appliedAt: existing.lastSyncedAt, version: existing.version },
      { fetchStartedAt: item.fetchStartedAt, version },
    );
    if (decision.kind === 'refetch') stale.set(index, new StaleSnapshotError(decision.reason));
  });
  return { stored, stale };
}
