import { createTestDatabase } from '@subsync/testkit';
import { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions, MIGRATIONS } from './data-source';
import { SubscriptionReferences1764720000000 } from './migrations/1764720000000-subscription-references';
import { findSubscriptionRef } from './repositories/subscription-lookup';
import { runMigrations } from './run-migrations';

describe('runMigrations', () => {
  it('creates every table on a fresh database, and concurrent runs apply each migration once', async () => {
    const url = await createTestDatabase('migrations');
    const sources = [createDataSource(url, 'mig-a'), createDataSource(url, 'mig-b')];
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      const [a, b] = await Promise.all(sources.map((s) => runMigrations(s)));
      expect([...a!, ...b!]).toEqual(MIGRATIONS.map((migration) => migration.name));

      const tables: { table_name: string }[] = await sources[0]!.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual([
        'addresses',
        'auth_providers',
        'backfill_jobs',
        'callout_notifications',
        'customer_accounts',
        'customers',
        'events',
        'hot_sync_accounts',
        'inbox',
        'metric_samples',
        'migrations',
        'outbox',
        'owner_identities',
        'payment_methods',
        'reconcile_watermarks',
        'schedule_entries',
        'settings',
        'stripe_webhook_events',
        'subscription_offers',
        'subscription_references',
        'subscriptions',
        'upstream_budget_holders',
        'upstream_budgets',
        'zuora_catalog_mappings',
      ]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });

  it('carries the provider columns of stored subscriptions over to references, and back', async () => {
    const url = await createTestDatabase('migrations_references');
    const before = new DataSource({
      ...dataSourceOptions(url, 'mig-before'),
      migrations: MIGRATIONS.filter((m) => m !== SubscriptionReferences1764720000000),
    });
    await before.initialize();
    await runMigrations(before);
    await before.query(`
      INSERT INTO customers (id) VALUES ('cus-1'), ('cus-2');
      INSERT INTO owner_identities (id, customer_id, issuer, subject)
        VALUES ('id-1', 'cus-1', 'zuora', 'A001'), ('id-2', 'cus-2', 'stripe', 'cus_2');
      INSERT INTO subscriptions (id, reference, status, source, auto_renew, owner_id, customer_id,
          zuora_subscription_number, zuora_subscription_id, zuora_account_number, zuora_version,
          stripe_subscription_id, stripe_customer_id)
        VALUES ('sub-z', 'A-S1', 'active', 'zuora', true, 'id-1', 'cus-1', 'A-S1', 'zid-1', 'A001',
                7, NULL, NULL),
               ('sub-s', 'REF-2', 'active', 'stripe', true, 'id-2', 'cus-2', NULL, NULL, NULL,
                NULL, 'sub_2', 'cus_2')`);
    await before.destroy();

    const after = createDataSource(url, 'mig-after');
    await after.initialize();
    try {
      expect(await runMigrations(after)).toEqual([SubscriptionReferences1764720000000.name]);
      expect(
        await after.query(
          'SELECT subscription_id, provider, kind, value FROM subscription_references ORDER BY 1, 2, 3',
        ),
      ).toEqual([
        { subscription_id: 'sub-s', provider: 'stripe', kind: 'account', value: 'cus_2' },
        { subscription_id: 'sub-s', provider: 'stripe', kind: 'subscription', value: 'sub_2' },
        { subscription_id: 'sub-z', provider: 'zuora', kind: 'account', value: 'A001' },
        { subscription_id: 'sub-z', provider: 'zuora', kind: 'subscription', value: 'A-S1' },
        { subscription_id: 'sub-z', provider: 'zuora', kind: 'subscription-alias', value: 'zid-1' },
      ]);
      expect(
        await after.query('SELECT upstream_version FROM subscriptions WHERE id = $1', ['sub-z']),
      ).toEqual([{ upstream_version: 7 }]);
      for (const ref of ['A-S1', 'zid-1', 'sub_2']) {
        expect(await findSubscriptionRef(after.manager, ref)).toMatchObject({
          id: ref === 'sub_2' ? 'sub-s' : 'sub-z',
          key: ref === 'sub_2' ? 'sub_2' : 'A-S1',
        });
      }
      expect(await findSubscriptionRef(after.manager, 'A001')).toBeNull();
      // No column lists the providers any more: the registry in libs/domain is that list.
      const checks: { conname: string }[] = await after.query(
        `SELECT conname FROM pg_constraint
          WHERE contype = 'c' AND pg_get_constraintdef(oid) LIKE '%''stripe''%'`,
      );
      expect(checks).toEqual([]);

      await after.undoLastMigration({ transaction: 'each' });
      expect(
        await after.query(
          `SELECT id, zuora_subscription_number, zuora_subscription_id, zuora_account_number,
                  zuora_version, stripe_subscription_id, stripe_customer_id
             FROM subscriptions ORDER BY id`,
        ),
      ).toEqual([
        {
          id: 'sub-s',
          zuora_subscription_number: null,
          zuora_subscription_id: null,
          zuora_account_number: null,
          zuora_version: null,
          stripe_subscription_id: 'sub_2',
          stripe_customer_id: 'cus_2',
        },
        {
          id: 'sub-z',
          zuora_subscription_number: 'A-S1',
          zuora_subscription_id: 'zid-1',
          zuora_account_number: 'A001',
          zuora_version: 7,
          stripe_subscription_id: null,
          stripe_customer_id: null,
        },
      ]);
    } finally {
      await after.destroy();
    }
  });
});
