import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogOffersCallouts1763769600000 implements MigrationInterface {
  name = 'CatalogOffersCallouts1763769600000';

  async up(db: QueryRunner): Promise<void> {
    // Which platform offer a Zuora product rate plan stands for (the catalog mapping).
    await db.query(`
      CREATE TABLE zuora_catalog_mappings (
        product_rate_plan_id text PRIMARY KEY,
        offer_id text NOT NULL,
        offer_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A subscription's offers: one per rate plan in force, mapped to a platform offer or not.
    await db.query(`
      CREATE TABLE subscription_offers (
        id text PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
        source_key text NOT NULL,
        name text NOT NULL,
        offer_id text,
        mapped boolean NOT NULL,
        product_name text,
        rate_plan_name text,
        product_rate_plan_id text,
        charges jsonb NOT NULL DEFAULT '[]'::jsonb,
        start_date date,
        end_date date,
        UNIQUE (subscription_id, source_key)
      )`);
    // Zuora retries a callout with the same Zuora-Notification-Id; it is synced once.
    await db.query(`
      CREATE TABLE callout_notifications (
        notification_id text PRIMARY KEY,
        event_id text NOT NULL REFERENCES events(id),
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX schedule_entries_pending_source
      ON schedule_entries (subscription_id, source_key) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS schedule_entries_pending_source');
    await db.query('DROP TABLE IF EXISTS callout_notifications');
    await db.query('DROP TABLE IF EXISTS subscription_offers');
    await db.query('DROP TABLE IF EXISTS zuora_catalog_mappings');
  }
}
