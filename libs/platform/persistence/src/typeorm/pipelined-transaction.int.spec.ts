import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@subsync/testkit';
import { createDataSource } from '../data-source';
import { CustomerEntity } from '../entities/customer.entity';
import { runMigrations } from '../run-migrations';
import { inPipelinedTransaction } from './pipelined-transaction';
import { WritePipeline } from './write-pipeline';

describe('inPipelinedTransaction', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('pipelined_tx'), 'pipelined-tx-int');
    await db.initialize();
    await runMigrations(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  const customer = async (id: string): Promise<unknown[]> =>
    db.query('SELECT id, name FROM customers WHERE id = $1', [id]);
  const noWrites = () => Promise.resolve();

  it('is one transaction: nothing it wrote is seen elsewhere before it commits', async () => {
    const seenOutside = await inPipelinedTransaction(
      db,
      async (manager) => {
        await manager.query(`INSERT INTO customers (id, name) VALUES ('cus_ptx_1', 'Ada')`);
        return customer('cus_ptx_1');
      },
      noWrites,
    );
    expect(seenOutside).toEqual([]);
    expect(await customer('cus_ptx_1')).toEqual([{ id: 'cus_ptx_1', name: 'Ada' }]);
  });

  it('rolls back everything when the work fails, TypeORM saves included', async () => {
    const outcome = await inPipelinedTransaction(
      db,
      async (manager) => {
        await manager.query(`INSERT INTO customers (id, name) VALUES ('cus_ptx_2', 'Bea')`);
        // TypeORM opens a transaction of its own for a save unless it knows one is open: that
        // one's COMMIT would have committed the insert above too.
        await manager.getRepository(CustomerEntity).save({ id: 'cus_ptx_3', name: 'Cy' });
        throw new Error('the work failed');
      },
      noWrites,
    ).catch((error: unknown) => error);
    expect(outcome).toEqual(new Error('the work failed'));
    expect(await customer('cus_ptx_2')).toEqual([]);
    expect(await customer('cus_ptx_3')).toEqual([]);
  });

  it('commits nothing, and says why, when a write sent without waiting failed', async () => {
    let pipeline: WritePipeline | undefined;
    const outcome = await inPipelinedTransaction(
      db,
      async (manager) => {
        pipeline = new WritePipeline(manager, true);
        await pipeline.send([
          { sql: `INSERT INTO customers (id, name) VALUES ('cus_ptx_4', 'Dee')`, parameters: [] },
          // The primary key refuses the second row; COMMIT goes out behind it unanswered.
          { sql: `INSERT INTO customers (id, name) VALUES ('cus_ptx_4', 'Eve')`, parameters: [] },
        ]);
        return 'returned';
      },
      () => pipeline!.settle(),
    ).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: '23505' });
    expect(await customer('cus_ptx_4')).toEqual([]);
    // The connection went back to the pool usable, outside any transaction.
    expect(await db.query(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]);
  });
});
