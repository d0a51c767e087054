import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@subsync/testkit';
import { createDataSource } from '../data-source';
import { runMigrations } from '../run-migrations';
import type { InboxTable, OutboxTable } from './sync-store.typeorm';
import { SyncUnitOfWorkTypeOrm } from './sync-store.typeorm';
import { WritePipeline } from './write-pipeline';

// Nothing in these tests touches the inbox or the outbox.
const NO_INBOX = {} as InboxTable;
const NO_OUTBOX = { notifyCommitted: () => undefined } as unknown as OutboxTable;

describe('WritePipeline and the TypeORM unit of work that settles it', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('write_pipeline'), 'write-pipeline-int');
    await db.initialize();
    await runMigrations(db);
    await db.query('CREATE TABLE pipeline_rows (id int PRIMARY KEY, note text NOT NULL)');
  });

  afterAll(async () => {
    await db.destroy();
  });

  beforeEach(async () => {
    await db.query('TRUNCATE pipeline_rows');
  });

  const insert = (id: number, note: string) => ({
    sql: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)',
    parameters: [id, note],
  });
  const renote = (id: number, note: string) => ({
    sql: 'UPDATE pipeline_rows SET note = $2 WHERE id = $1',
    parameters: [id, note],
  });
  const rows = (): Promise<{ id: number; note: string }[]> =>
    db.query('SELECT id, note FROM pipeline_rows ORDER BY id');

  it('runs a transaction’s writes in the order sent, before whatever the transaction runs next', async () => {
    const seen = await db.transaction(async (manager) => {
      const pipeline = new WritePipeline(manager, true);
      await pipeline.send([insert(1, 'first'), renote(1, 'second'), null, insert(2, 'other')]);
      await pipeline.send([renote(2, 'later')]);
      // Not settled yet: the read goes out after the writes on the same connection.
      const read: { id: number; note: string }[] = await manager.query(
        'SELECT id, note FROM pipeline_rows ORDER BY id',
      );
      await pipeline.settle();
      return read;
    });
    const expected = [
      { id: 1, note: 'second' },
      { id: 2, note: 'later' },
    ];
    expect(seen).toEqual(expected);
    expect(await rows()).toEqual(expected);
  });

  it('reports the write that failed, not the ones the aborted transaction refused after it', async () => {
    const failure = await db
      .transaction(async (manager) => {
        const pipeline = new WritePipeline(manager, true);
        await pipeline.send([insert(1, 'a'), insert(1, 'duplicate'), insert(2, 'b')]);
        await pipeline.settle();
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23505', constraint: 'pipeline_rows_pkey' });
    expect(await rows()).toEqual([]);
  });

  it('outside a transaction, runs each write once the one before has been answered', async () => {
    const pipeline = new WritePipeline(db.manager, false);
    await pipeline.send([insert(1, 'first'), renote(1, 'second')]);
    // Nothing left to wait for: send returned once the writes were done.
    expect(await rows()).toEqual([{ id: 1, note: 'second' }]);
    await expect(pipeline.send([insert(1, 'again')])).rejects.toMatchObject({ code: '23505' });
  });

  describe('SyncUnitOfWorkTypeOrm', () => {
    const unitOfWork = () => new SyncUnitOfWorkTypeOrm(db, NO_INBOX, NO_OUTBOX);

    it('commits nothing when a pipelined write failed, even if the work went on to return', async () => {
      const outcome = await unitOfWork()
        .run(async (store) => {
          const owners = await store.findOrCreateOwners('zuora', [
            { id: 'A-PIPELINE-1', contact: { name: 'Ada', email: 'ada@example.com' } },
          ]);
          // No such customer: the foreign key refuses the link, but the work is not told yet.
          await store.linkAccounts([
            { customerId: 'cus_pipeline_missing', service: 'zuora', id: 'A-PIPELINE-1' },
          ]);
          return owners.get('A-PIPELINE-1')!.customerId;
        })
        .catch((error: unknown) => error);
      expect(outcome).toMatchObject({
        code: '23503',
        constraint: expect.stringContaining('customer'),
      });
      const created = await db.query(
        `SELECT 1 FROM owner_identities WHERE issuer = 'zuora' AND subject = 'A-PIPELINE-1'`,
      );
      expect(created).toEqual([]);
    });

    it('reports the failed write when a later read of the work failed because of it', async () => {
      const outcome = await unitOfWork()
        .run(async (store) => {
          await store.linkAccounts([
            { customerId: 'cus_pipeline_missing', service: 'zuora', id: 'A-PIPELINE-2' },
          ]);
          // Refused with "current transaction is aborted": not the error to report.
          return store.findSubscription('anything');
        })
        .catch((error: unknown) => error);
      expect(outcome).toMatchObject({ code: '23503' });
    });

    it('commits the writes of work that succeeded', async () => {
      await db.query(
        `INSERT INTO customers (id, name, email) VALUES ('cus_pipeline_1', 'B', NULL)`,
      );
      await unitOfWork().run(async (store) => {
        await store.updateCustomerContacts([
          { customerId: 'cus_pipeline_1', contact: { name: 'Bea', email: 'bea@example.com' } },
        ]);
        await store.linkAccounts([
          { customerId: 'cus_pipeline_1', service: 'zuora', id: 'A-PIPELINE-3' },
        ]);
      });
      expect(
        await db.query(
          `SELECT c.name, c.email, a.external_id FROM customers c
             JOIN customer_accounts a ON a.customer_id = c.id WHERE c.id = 'cus_pipeline_1'`,
        ),
      ).toEqual([{ name: 'Bea', email: 'bea@example.com', external_id: 'A-PIPELINE-3' }]);
    });
  });
});
