import type { StoredSubscription, SyncStore } from '@subsync/persistence';
import { lockFreshSnapshots } from './fresh-snapshots';

const at = (time: string) => new Date(`2026-12-02T${time}Z`);

/** A store holding these subscriptions (by upstream key); locking returns those asked for. */
function storeHolding(
  rows: Record<string, Pick<StoredSubscription, 'lastSyncedAt' | 'version'>>,
) {
  return {
    lockSubscriptions: (_provider: string, keys: readonly string[]) =>
      Promise.resolve(
        new Map(
          keys
            .filter((key) => rows[key] !== undefined)
            .map((key) => [key, { id: `sub-${key}`, ...rows[key] } as StoredSubscription]),
        ),
      ),
  } as unknown as SyncStore;
}

const item = (key: string, fetchStartedAt: string, version: number | null = null) => ({
  snapshot: { key, version },
  fetchStartedAt: at(fetchStartedAt),
});

async function staleIndexes(
  rows: Parameters<typeof storeHolding>[0],
  items: ReturnType<typeof item>[],
): Promise<Record<number, string>> {
  const { stale } = await lockFreshSnapshots(storeHolding(rows), 'zuora', items, (s) => s);
  return Object.fromEntries([...stale].map(([index, error]) => [index, error.message]));
}

describe('lockFreshSnapshots', () => {
  it('applies an import and a snapshot fetched after the stored one was written', async () => {
    expect(
      await staleIndexes({ A: { lastSyncedAt: at('10:00:00'), version: 3 } }, [
        item('A', '10:00:01', 3),
        item('B', '10:00:01', 1),
      ]),
    ).toEqual({});
  });

  it('fetches again a snapshot whose fetch began before another sync of it committed', async () => {
    const stale = await staleIndexes({ A: { lastSyncedAt: at('10:00:05'), version: 3 } }, [
      item('A', '10:00:01', 4),
    ]);
    expect(Object.keys(stale)).toEqual(['0']);
    expect(stale[0]).toMatch(/another sync committed/);
  });

  it('fetches again a snapshot older by version than the stored one', async () => {
    const stale = await staleIndexes({ A: { lastSyncedAt: null, version: 5 } }, [
      item('A', '10:00:01', 4),
    ]);
    expect(stale[0]).toMatch(/older than the stored version/);
  });

  it('keeps the later of two fetches of one subscription in the batch', async () => {
    const stale = await staleIndexes({}, [item('A', '10:00:02'), item('A', '10:00:01')]);
    expect(Object.keys(stale)).toEqual(['1']);
  });
});
