import { createTestDatabase } from '@subsync/testkit';
import { createDataSource, MIGRATIONS } from './data-source';
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
        'subscriptions',
        'upstream_budget_holders',
        'upstream_budgets',
        'zuora_catalog_mappings',
      ]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
