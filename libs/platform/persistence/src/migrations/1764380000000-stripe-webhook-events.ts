import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StripeWebhookEvents1764380000000 implements MigrationInterface {
  name = 'StripeWebhookEvents1764380000000';

  async up(db: QueryRunner): Promise<void> {
    // Every Stripe event the gateway accepted, keyed by Stripe's event id: a retried delivery
    // finds its row and queues nothing. `outcome` says what the event did (and counts them).
    await db.query(`
      CREATE TABLE stripe_webhook_events (
        stripe_event_id text PRIMARY KEY,
        type text NOT NULL,
        outcome text NOT NULL
          CHECK (outcome IN ('queued', 'skipped', 'not-held', 'irrelevant', 'unhandled')),
        event_ids text[] NOT NULL DEFAULT '{}',
        reason text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      'CREATE INDEX stripe_webhook_events_received_at_idx ON stripe_webhook_events (received_at)',
    );
    // A customer-level event (a new default card) syncs every subscription of that customer.
    await db.query(
      `CREATE INDEX subscriptions_stripe_customer_id_idx ON subscriptions (stripe_customer_id)
         WHERE stripe_customer_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX subscriptions_stripe_customer_id_idx');
    await db.query('DROP TABLE stripe_webhook_events');
  }
}
