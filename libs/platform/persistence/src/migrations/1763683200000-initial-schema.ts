import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763683200000 implements MigrationInterface {
  name = 'InitialSchema1763683200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE customers (
        id text PRIMARY KEY,
        name text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE customer_accounts (
        service text NOT NULL CHECK (service IN ('zuora', 'stripe', 'salesforce')),
        external_id text NOT NULL,
        customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service, external_id)
      )`);
    await db.query(`CREATE INDEX customer_accounts_customer ON customer_accounts (customer_id)`);
    await db.query(`
      CREATE TABLE owner_identities (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issuer, subject)
      )`);
    await db.query(`
      CREATE TABLE subscriptions (
        id text PRIMARY KEY,
        reference text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('active', 'cancelled', 'suspended', 'expired', 'pending')),
        source text NOT NULL CHECK (source IN ('zuora', 'stripe')),
        term_start date,
        term_end date,
        auto_renew boolean NOT NULL,
        owner_id text NOT NULL REFERENCES owner_identities(id),
        customer_id text NOT NULL REFERENCES customers(id),
        imported boolean NOT NULL DEFAULT false,
        zuora_subscription_number text UNIQUE,
        zuora_subscription_id text,
        zuora_account_number text,
        zuora_version integer,
        stripe_subscription_id text UNIQUE,
        stripe_customer_id text,
        last_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX subscriptions_zuora_id ON subscriptions (zuora_subscription_id)`);
    await db.query(`CREATE INDEX subscriptions_customer ON subscriptions (customer_id)`);
    await db.query(`
      CREATE TABLE addresses (
        id text PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('billing', 'shipping')),
        line1 text, line2 text, city text, state text, postal_code text, country text,
        UNIQUE (subscription_id, type)
      )`);
    await db.query(`
      CREATE TABLE schedule_entries (
        id text PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        date date NOT NULL,
        -- Unconstrained, so each amount keeps its currency's decimals (GBP 2, JPY 2 by convention, KWD 3).
        amount numeric NOT NULL,
        currency text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'cancelled')),
        description text,
        source_key text
      )`);
    await db.query(
      `CREATE INDEX schedule_entries_subscription ON schedule_entries (subscription_id, date)`,
    );
    await db.query(`
      CREATE TABLE payment_methods (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        subscription_id text REFERENCES subscriptions(id) ON DELETE CASCADE,
        service text NOT NULL CHECK (service IN ('zuora', 'stripe')),
        external_id text NOT NULL,
        brand text, last4 text, exp_month integer, exp_year integer,
        is_default boolean NOT NULL DEFAULT false,
        UNIQUE (service, external_id)
      )`);
    await db.query(`
      CREATE TABLE events (
        id text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('sync', 'hot-sync', 'callout')),
        provider text NOT NULL CHECK (provider IN ('zuora', 'stripe')),
        ref text NOT NULL,
        trigger text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'succeeded', 'failed', 'skipped')),
        subscription_id text,
        owner_id text,
        reason text,
        error_code text,
        changes jsonb NOT NULL DEFAULT '[]'::jsonb,
        correlation_id uuid,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await db.query(`CREATE INDEX events_created ON events (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX events_subscription ON events (subscription_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL UNIQUE,
        producer text NOT NULL,
        topic text NOT NULL,
        key text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_unsent ON outbox (producer, id) WHERE sent_at IS NULL`);
    await db.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        topic text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'inbox',
      'outbox',
      'events',
      'payment_methods',
      'schedule_entries',
      'addresses',
      'subscriptions',
      'owner_identities',
      'customer_accounts',
      'customers',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
