import type { DataSource } from 'typeorm';
import {
  createDataSource,
  insertBackfillJob,
  runMigrations,
  SyncUnitOfWorkTypeOrm,
} from '@subsync/persistence';
import { describeSyncStoreContract } from '@subsync/persistence/contract';
import { createTestDatabase } from '@subsync/testkit';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { OutboxTypeOrm } from '../outbox/outbox-typeorm';

// The TypeORM sync store, with the inbox and outbox the services run it with, on PostgreSQL.

let db: DataSource | null = null;

afterAll(async () => {
  await db?.destroy();
});

describeSyncStoreContract('SyncUnitOfWorkTypeOrm on PostgreSQL', async () => {
  db = createDataSource(await createTestDatabase('sync_store'), 'sync-store-int');
  await db.initialize();
  await runMigrations(db);
  const source = db;
  return {
    unitOfWork: new SyncUnitOfWorkTypeOrm(
      source,
      new InboxTypeOrm('sync-store-contract'),
      new OutboxTypeOrm('sync-store-contract'),
    ),
    addCatalogMapping: async (productRatePlanId, offer) => {
      await source.query(
        `INSERT INTO zuora_catalog_mappings (product_rate_plan_id, offer_id, offer_name)
         VALUES ($1, $2, $3)`,
        [productRatePlanId, offer.offerId, offer.offerName],
      );
    },
    addBackfillJob: (job) => insertBackfillJob(source.manager, { ...job, createdBy: null }),
    events: (ids) =>
      source.query(
        `SELECT id, status, subscription_id AS "subscriptionId" FROM events WHERE id = ANY($1)`,
        [ids],
      ),
    outbox: (messageIds) =>
      source.query(
        `SELECT message_id::text AS "messageId", topic FROM outbox WHERE message_id = ANY($1::uuid[])`,
        [messageIds],
      ),
  };
});
