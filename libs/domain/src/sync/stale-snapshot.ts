/** What is stored about the last snapshot applied to a subscription. */
export interface AppliedSnapshot {
  /** When the sync that applied it committed its writes (the database's clock). */
  appliedAt: Date | null;
  /** Zuora's subscription version, where the provider has one. */
  version: number | null;
}

/** What a sync knows about the snapshot it fetched. */
export interface FetchedSnapshot {
  /** When its fetch began, on the database's clock (read just before the upstream calls). */
  fetchStartedAt: Date;
  version: number | null;
}

export type SnapshotDecision =
  | { kind: 'apply' }
  /** Another sync of the subscription committed after this fetch began: fetch again. */
  | { kind: 'refetch'; reason: string };

/**
 * Whether a fetched snapshot may be written over what is stored. A snapshot fetched before
 * another sync of the same subscription committed may be older than what that sync wrote,
 * whatever the versions say (a bill run moves Zuora's charged-through date without a new
 * version), so it is never applied: fetching again yields a state at least as new as the stored
 * one. A snapshot whose version is below the stored one is refetched too.
 */
export function decideSnapshot(
  stored: AppliedSnapshot,
  fetched: FetchedSnapshot,
): SnapshotDecision {
  if (stored.appliedAt !== null && stored.appliedAt.getTime() > fetched.fetchStartedAt.getTime()) {
    return {
      kind: 'refetch',
      reason: `another sync committed at ${stored.appliedAt.toISOString()}, after this fetch began at ${fetched.fetchStartedAt.toISOString()}`,
    };
  }
  if (stored.version !== null && fetched.version !== null && fetched.version < stored.version) {
    return {
      kind: 'refetch',
      reason: `fetched version ${fetched.version} is older than the stored version ${stored.version}`,
    };
  }
  return { kind: 'apply' };
}

/**
 * Snapshots of one subscription in one batch: the latest fetch is kept (the earlier of two that
 * began together), and each other one is fetched again. Returns, by index, why each is refetched.
 */
export function supersededInBatch(
  items: readonly { key: string; fetchStartedAt: Date }[],
): Map<number, string> {
  const superseded = new Map<number, string>();
  const latest = new Map<string, number>();
  items.forEach((item, index) => {
    const other = latest.get(item.key);
    if (other === undefined) {
      latest.set(item.key, index);
      return;
    }
    const [earlier, later] =
      items[other]!.fetchStartedAt <= item.fetchStartedAt ? [other, index] : [index, other];
    superseded.set(earlier, `another sync of ${item.key} was written with it`);
    latest.set(item.key, later);
  });
  return superseded;
}
