import { DataSource } from 'typeorm';
import { createDataSource, dataSourceOptions, runMigrations } from '@subsync/persistence';
import {
  createTestDatabase,
  rowsRead,
  seqScannedTables,
  StatementRecorder,
} from '@subsync/testkit';
import { deletePublishedOutboxRows } from './outbox-retention';

const PRODUCERS = ['gateway', 'zuora-sync', 'stripe-sync'];
const ROWS_PER_PRODUCER = 20_000;
const EXPIRED_PER_PRODUCER = 800;

describe('deletePublishedOutboxRows', () => {
  const recorder = new StatementRecorder();
  let db: DataSource;

  beforeAll(async () => {
    const url = await createTestDatabase('outbox_retention');
    const migrator = createDataSource(url, 'outbox-retention-migrate');
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    // One connection, so the statistics of the delete can be flushed and read.
    db = new DataSource({
      ...dataSourceOptions(url, 'outbox-retention-int'),
      logger: recorder,
      extra: { max: 1 },
    });
    await db.initialize();
    // Per producer, a day of published rows and the half hour before it (what the relay's
    // 10-minute cleanup finds expired), and a few old rows that were never published.
    await db.query(
      `INSERT INTO outbox (message_id, producer, topic, key, payload, created_at, sent_at)
       SELECT gen_random_uuid(), p, 'sync.completed.v1', 'k', '{}'::jsonb, sent, sent
         FROM unnest($1::text[]) p, generate_series(1, $2::int) i,
              LATERAL (SELECT CASE WHEN i <= $3 THEN now() - i * interval '23 hours' / $3
                ELSE now() - interval '24.5 hours' - (i - $3) * interval '30 minutes' / ($2 - $3)
                END AS sent) t
       UNION ALL
       SELECT gen_random_uuid(), p, 'sync.completed.v1', 'k', '{}'::jsonb, now() - interval '3 days', NULL
         FROM unnest($1::text[]) p, generate_series(1, 3)`,
      [PRODUCERS, ROWS_PER_PRODUCER, ROWS_PER_PRODUCER - EXPIRED_PER_PRODUCER],
    );
    await db.query('ANALYZE outbox');
  });

  afterAll(async () => {
    await db.destroy();
  });

  it("deletes only the producer's rows published before the retention, reading no others", async () => {
    const expired = EXPIRED_PER_PRODUCER;
    recorder.take();
    let deleted = 0;
    const read = await rowsRead(db, async () => {
      deleted = await deletePublishedOutboxRows(db.manager, 'gateway', 24 * 60);
    });

    const left: { producer: string; published: string; unpublished: string }[] = await db.query(
      `SELECT producer, count(sent_at) AS published, count(*) - count(sent_at) AS unpublished
         FROM outbox GROUP BY producer ORDER BY producer`,
    );
    expect(deleted).toBe(expired);
    expect(left).toEqual([
      { producer: 'gateway', published: `${ROWS_PER_PRODUCER - expired}`, unpublished: '3' },
      { producer: 'stripe-sync', published: `${ROWS_PER_PRODUCER}`, unpublished: '3' },
      { producer: 'zuora-sync', published: `${ROWS_PER_PRODUCER}`, unpublished: '3' },
    ]);
    const [deletion] = recorder.take().filter(({ sql }) => sql.startsWith('DELETE'));
    expect({
      rowsRead: read,
      seqScans: await seqScannedTables(db, deletion!.sql, deletion!.parameters),
    }).toEqual({ rowsRead: { outbox: expired }, seqScans: [] });
  });
});
