import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns earlier migrations checked against a list of providers, and that list. */
const PROVIDER_CHECKS: [table: string, column: string, providers: string[]][] = [
  ['subscriptions', 'source', ['zuora', 'stripe']],
  ['customer_accounts', 'service', ['zuora', 'stripe', 'salesforce']],
  ['payment_methods', 'service', ['zuora', 'stripe']],
  ['events', 'provider', ['zuora', 'stripe']],
  ['backfill_jobs', 'provider', ['zuora', 'stripe']],
  ['reconcile_watermarks', 'provider', ['zuora', 'stripe']],
];

/**
 * A subscription's ids in its billing system move out of one column per provider into rows of
 * `subscription_references` (provider, kind, value), so that a provider brings no columns of its
 * own: its `subscription` reference is the key syncs lock by (unique within the provider), a
 * `subscription-alias` is another id naming the same subscription (Zuora's per-version id), and
 * `account` is the billing account it belongs to (a Zuora account number, a Stripe customer id).
 * Zuora's version becomes the provider-neutral `upstream_version`, and no column checks its
 * value against a list of providers any more (the provider registry in libs/domain is that
 * list). Existing values are carried over; `down` puts them back.
 */
export class SubscriptionReferences1764720000000 implements MigrationInterface {
  name = 'SubscriptionReferences1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subscription_references (
        subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        provider text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('subscription', 'subscription-alias', 'account')),
        value text NOT NULL,
        PRIMARY KEY (subscription_id, provider, kind)
      )`);
    await db.query(`
      INSERT INTO subscription_references (subscription_id, provider, kind, value)
      SELECT id, provider, kind, value FROM subscriptions,
        LATERAL (VALUES ('zuora', 'subscription', zuora_subscription_number),
                        ('zuora', 'subscription-alias', zuora_subscription_id),
                        ('zuora', 'account', zuora_account_number),
                        ('stripe', 'subscription', stripe_subscription_id),
                        ('stripe', 'account', stripe_customer_id)) AS r(provider, kind, value)
       WHERE value IS NOT NULL`);
    // A provider's key names one subscription; lookups go by value (any id a caller has), and
    // by provider, kind and value (a Stripe customer's subscriptions).
    await db.query(`CREATE UNIQUE INDEX subscription_references_key
      ON subscription_references (provider, value) WHERE kind = 'subscription'`);
    await db.query(
      'CREATE INDEX subscription_references_value ON subscription_references (value, kind)',
    );
    await db.query('ALTER TABLE subscriptions RENAME COLUMN zuora_version TO upstream_version');
    await db.query('DROP INDEX IF EXISTS subscriptions_stripe_customer_id_idx');
    await db.query('DROP INDEX IF EXISTS subscriptions_zuora_id');
    await db.query(`ALTER TABLE subscriptions
      DROP COLUMN zuora_subscription_number, DROP COLUMN zuora_subscription_id,
      DROP COLUMN zuora_account_number, DROP COLUMN stripe_subscription_id,
      DROP COLUMN stripe_customer_id`);
    for (const [table, column] of PROVIDER_CHECKS) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_${column}_check`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE subscriptions
      ADD COLUMN zuora_subscription_number text UNIQUE, ADD COLUMN zuora_subscription_id text,
      ADD COLUMN zuora_account_number text, ADD COLUMN stripe_subscription_id text UNIQUE,
      ADD COLUMN stripe_customer_id text`);
    const columns: [string, string, string][] = [
      ['zuora', 'subscription', 'zuora_subscription_number'],
      ['zuora', 'subscription-alias', 'zuora_subscription_id'],
      ['zuora', 'account', 'zuora_account_number'],
      ['stripe', 'subscription', 'stripe_subscription_id'],
      ['stripe', 'account', 'stripe_customer_id'],
    ];
    for (const [provider, kind, column] of columns) {
      await db.query(
        `UPDATE subscriptions s SET ${column} = r.value FROM subscription_references r
          WHERE r.subscription_id = s.id AND r.provider = $1 AND r.kind = $2`,
        [provider, kind],
      );
    }
    await db.query('CREATE INDEX subscriptions_zuora_id ON subscriptions (zuora_subscription_id)');
    await db.query(`CREATE INDEX subscriptions_stripe_customer_id_idx ON subscriptions
      (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL`);
    await db.query('ALTER TABLE subscriptions RENAME COLUMN upstream_version TO zuora_version');
    for (const [table, column, providers] of PROVIDER_CHECKS) {
      const list = providers.map((provider) => `'${provider}'`).join(', ');
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_check
        CHECK (${column} IN (${list})) NOT VALID`);
    }
    await db.query('DROP TABLE subscription_references');
  }
}
