import type { MigrationInterface, QueryRunner } from 'typeorm';

// Lookups that read every row of a growing table, so that a sync cost more the more
// subscriptions were stored (see docs/cost-per-sync.md). IF NOT EXISTS lets an operator of a
// large database build them beforehand with CREATE INDEX CONCURRENTLY under these names.
const INDEXES = {
  // A customer's cards: the Zuora account sync and the subscription read model.
  payment_methods_customer: 'payment_methods (customer_id)',
  // A subscription's card on file: the Stripe sync.
  payment_methods_subscription:
    'payment_methods (subscription_id) WHERE subscription_id IS NOT NULL',
  // The subscription list, newest first: each page sorted the whole table.
  subscriptions_created: 'subscriptions (created_at DESC, id DESC)',
  // The relay's cleanup of published rows.
  outbox_sent: 'outbox (producer, sent_at) WHERE sent_at IS NOT NULL',
  // The Events log by status (the failed ones, to replay them), newest first.
  events_status_created: 'events (status, created_at DESC, id DESC)',
};

export class SyncCostIndexes1764028800000 implements MigrationInterface {
  name = 'SyncCostIndexes1764028800000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) {
      await db.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES).reverse()) {
      await db.query(`DROP INDEX IF EXISTS ${name}`);
    }
  }
}
