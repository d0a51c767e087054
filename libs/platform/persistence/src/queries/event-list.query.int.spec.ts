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
import type { SyncEventEntity } from '../entities/sync-event.entity';
import { runMigrations } from '../run-migrations';
import { EventListQueryTypeOrm } from './event-list.query';

// Two Events per stored subscription, all succeeded; the failed ones are older than all of them,
// as after an outage that every later sync got past.
const SMALL = 2_000;
const LARGE = 20_000;
const FAILED = 60;
const JOB = 'backfill-0123456789abcdef0123456789abcdef';

/** The page after one that ended with `last`. */
function after(last: SyncEventEntity | undefined): { createdAt: Date; id: string } | undefined {
  return last === undefined ? undefined : { createdAt: last.createdAt, id: last.id };
}

describe('the Events log', () => {
  const recorder = new StatementRecorder();
  let db: DataSource;

  beforeAll(async () => {
    const url = await createTestDatabase('event_list');
    const migrator = createDataSource(url, 'event-list-migrate');
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    // One connection, so the statistics of the reads can be flushed and read.
    db = new DataSource({
      ...dataSourceOptions(url, 'event-list-int'),
      logger: recorder,
      extra: { max: 1 },
    });
    await db.initialize();
    await db.query(
      `INSERT INTO events (id, type, provider, ref, trigger, status, reason, error_code, created_at, completed_at)
       SELECT 'event-failed-' || lpad(i::text, 3, '0'), 'sync', 'zuora', 'A-S-outage', 'api', 'failed',
              'Zuora request failed', 'ZUORA_UNAVAILABLE',
              timestamptz '2025-12-31T00:00:00Z' + i * interval '1 second',
              timestamptz '2025-12-31T00:00:00Z' + i * interval '1 second'
         FROM generate_series(1, $1::int) i`,
      [FAILED],
    );
  });

  afterAll(async () => {
    await db.destroy();
  });

  async function browse(newest: number): Promise<void> {
    const events = new EventListQueryTypeOrm(db);
    await events.list({ limit: 50 });
    const failed = await events.list({ status: 'failed', limit: 20 });
    await events.list({ status: 'failed', limit: 20, after: after(failed.events.at(-1)) });
    await events.list({ subscription: bulkReference(newest), limit: 50 });
    await events.list({ backfill: JOB, status: 'failed', limit: 50 });
  }

  it('reads no more rows with 20,000 subscriptions synced than with 2,000, and scans no growing table', async () => {
    await storeBulkSubscriptions(db, 1, SMALL);
    const small = await rowsRead(db, () => browse(SMALL));

    await storeBulkSubscriptions(db, SMALL + 1, LARGE);
    recorder.take();
    const large = await rowsRead(db, () => browse(LARGE));

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

  it('lists the failed Events newest first, page after page', async () => {
    const events = new EventListQueryTypeOrm(db);
    const first = await events.list({ status: 'failed', limit: 20 });
    const second = await events.list({
      status: 'failed',
      limit: 20,
      after: after(first.events.at(-1)),
    });

    expect(first.more).toBe(true);
    expect([...first.events, ...second.events].map((event) => event.id)).toEqual(
      Array.from({ length: 40 }, (_, n) => `event-failed-${String(FAILED - n).padStart(3, '0')}`),
    );
    expect(second.events.every((event) => event.status === 'failed')).toBe(true);
  });

  it("lists one backfill's Events, by status", async () => {
    await db.query(
      `INSERT INTO events (id, type, provider, ref, trigger, status, backfill_id, created_at)
       VALUES ('event-bf-1', 'sync', 'zuora', 'A-S-bf-1', 'backfill', 'failed', $1, timestamptz '2026-01-02T00:00:01Z'),
              ('event-bf-2', 'sync', 'zuora', 'A-S-bf-2', 'backfill', 'succeeded', $1, timestamptz '2026-01-02T00:00:02Z'),
              ('event-bf-3', 'sync', 'zuora', 'A-S-bf-3', 'backfill', 'failed', $1, timestamptz '2026-01-02T00:00:03Z'),
              ('event-bf-4', 'sync', 'zuora', 'A-S-bf-4', 'backfill', 'failed', $2, timestamptz '2026-01-02T00:00:04Z')`,
      [JOB, 'backfill-ffffffffffffffffffffffffffffffff'],
    );
    const events = new EventListQueryTypeOrm(db);

    const failed = await events.list({ backfill: JOB, status: 'failed', limit: 50 });
    const all = await events.list({ backfill: JOB, limit: 50 });

    expect(failed.events.map((event) => event.id)).toEqual(['event-bf-3', 'event-bf-1']);
    expect(all.events.map((event) => event.id)).toEqual(['event-bf-3', 'event-bf-2', 'event-bf-1']);
  });
});
