import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@subsync/testkit';
import { createDataSource } from '../data-source';
import { runMigrations } from '../run-migrations';
import { findSubscriptionByAnyId } from './subscription-lookup';

describe('findSubscriptionByAnyId', () => {
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('lookup');
    db = createDataSource(url, 'lookup-int');
    await db.initialize();
    await runMigrations(db);
    await db.query(`INSERT INTO customers (id) VALUES ('cus-1')`);
    await db.query(
      `INSERT INTO owner_identities (id, customer_id, issuer, subject) VALUES ('id-1', 'cus-1', 'zuora', 'A1')`,
    );
    const rows: [string, string, string | null, string | null, string | null][] = [
      // id, reference, Zuora number, Zuora id, Stripe id
      ['sub-a', 'A-S1', 'A-S1', 'zid-a', null],
      // A reference that looks like another subscription's platform id.
      ['sub-b', 'sub-a', null, null, null],
      ['sub-c', 'sub_c', null, null, 'sub_c'],
      // One value that is a reference of one subscription and the Zuora id of another.
      ['sub-d', 'shared', null, null, null],
      ['sub-e', 'A-S5', 'A-S5', 'shared', null],
    ];
    for (const [id, reference, number, zuoraId, stripeId] of rows) {
      const source = stripeId === null ? 'zuora' : 'stripe';
      await db.query(
        `INSERT INTO subscriptions (id, reference, status, source, auto_renew, owner_id, customer_id)
         VALUES ($1, $2, 'active', $3, true, 'id-1', 'cus-1')`,
        [id, reference, source],
      );
      await db.query(
        `INSERT INTO subscription_references (subscription_id, provider, kind, value)
         SELECT $1, $2, kind, value
           FROM (VALUES ('subscription', $3), ('subscription-alias', $4)) AS r(kind, value)
          WHERE value IS NOT NULL`,
        [id, source, number ?? stripeId, zuoraId],
      );
    }
  });

  afterAll(async () => {
    await db.destroy();
  });

  async function idOf(ref: string): Promise<string | null> {
    return (await findSubscriptionByAnyId(db.manager, ref))?.id ?? null;
  }

  it('finds a subscription by each of its ids', async () => {
    expect(await idOf('A-S1')).toBe('sub-a');
    expect(await idOf('zid-a')).toBe('sub-a');
    expect(await idOf('sub_c')).toBe('sub-c');
    expect(await idOf('sub-e')).toBe('sub-e');
    expect(await idOf('unknown')).toBeNull();
  });

  it('prefers an exact platform id, then a reference, over the other ids', async () => {
    expect(await idOf('sub-a')).toBe('sub-a');
    expect(await idOf('shared')).toBe('sub-d');
  });

  it('locks the row it found until the transaction ends', async () => {
    const other = createDataSource(url, 'lookup-int-other');
    await other.initialize();
    try {
      await db.transaction(async (manager) => {
        const found = await findSubscriptionByAnyId(manager, 'A-S1', { lock: true });
        expect(found?.id).toBe('sub-a');
        await expect(
          other.query(`SELECT id FROM subscriptions WHERE id = 'sub-a' FOR UPDATE NOWAIT`),
        ).rejects.toMatchObject({ code: '55P03' });
      });
      await expect(
        other.query(`SELECT id FROM subscriptions WHERE id = 'sub-a' FOR UPDATE NOWAIT`),
      ).resolves.toEqual([{ id: 'sub-a' }]);
    } finally {
      await other.destroy();
    }
  });
});
