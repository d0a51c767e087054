import { DataSource } from 'typeorm';
import {
  bulkReference,
  createTestDatabase,
  readsThatGrew,
  rowsRead,
  seqScannedTables,
  StatementRecorder,
  storeBulkSubscriptions,
} from '@subsync/testkit';
import { createDataSource, dataSourceOptions } from '../data-source';
import { runMigrations } from '../run-migrations';
import { SubscriptionListQueryTypeOrm } from './subscription-list.query';
import { SubscriptionViewQueryTypeOrm } from './subscription-view.query';

// The console lists subscriptions and opens one; neither may cost more as subscriptions pile up.
const SMALL = 2_000;
const LARGE = 20_000;

describe('the subscription list and read model', () => {
  const recorder = new StatementRecorder();
  let db: DataSource;

  beforeAll(async () => {
    const url = await createTestDatabase('subscription_queries');
    const migrator = createDataSource(url, 'subscription-queries-migrate');
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    // One connection, so the statistics of the reads can be flushed and read.
    db = new DataSource({
      ...dataSourceOptions(url, 'subscription-queries-int'),
      logger: recorder,
      extra: { max: 1 },
    });
    await db.initialize();
  });

  afterAll(async () => {
    await db.destroy();
  });

  async function readAsTheConsoleDoes(newest: number): Promise<void> {
    const list = new SubscriptionListQueryTypeOrm(db);
    const first = await list.list({ limit: 50 });
    await list.list({ limit: 50, cursor: first?.nextCursor ?? undefined });
    const view = new SubscriptionViewQueryTypeOrm(db);
    await view.find(bulkReference(newest - 1));
    await view.find(bulkReference(newest));
  }

  it('read no more rows with 20,000 subscriptions stored than with 2,000, and scan no growing table', async () => {
    await storeBulkSubscriptions(db, 1, SMALL);
    const small = await rowsRead(db, () => readAsTheConsoleDoes(SMALL));

    await storeBulkSubscriptions(db, SMALL + 1, LARGE);
    recorder.take();
    const large = await rowsRead(db, () => readAsTheConsoleDoes(LARGE));

    const scans: string[] = [];
    for (const { sql, parameters } of recorder.take()) {
      if (!sql.trimStart().startsWith('SELECT') || sql.includes('pg_stat')) continue;
      scans.push(...(await seqScannedTables(db, sql, parameters)));
    }
    expect({ readsThatGrew: readsThatGrew(small, large), scans }).toEqual({
      readsThatGrew: [],
      scans: [],
    });
  });

  it('pages newest first, each page going on where the last one stopped', async () => {
    const list = new SubscriptionListQueryTypeOrm(db);
    const first = await list.list({ limit: 3 });
    const second = await list.list({ limit: 3, cursor: first?.nextCursor ?? undefined });

    expect([...(first?.data ?? []), ...(second?.data ?? [])].map((row) => row.reference)).toEqual(
      [0, 1, 2, 3, 4, 5].map((age) => bulkReference(LARGE - age)),
    );
  });
});
