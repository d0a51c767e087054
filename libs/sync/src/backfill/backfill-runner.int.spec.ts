import { type BackfillFilter, newPlatformId, type Provider } from '@subsync/domain';
import { InboxTypeOrm, OutboxTypeOrm, SystemClock } from '@subsync/messaging';
import {
  createDataSource,
  findBackfillJob,
  insertBackfillJob,
  runMigrations,
  setBackfillStatus,
  SyncUnitOfWorkTypeOrm,
} from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { ReconcileSweep } from '../reconcile/reconcile-sweep';
import { BackfillRunner } from './backfill-runner';
import type { BackfillLister, BackfillPage } from './subscription-listers';

// Real PostgreSQL; the upstream is a list in memory, listed 50 a page with an index cursor.
const REFS = Array.from({ length: 600 }, (_, i) => `A-S${String(i + 1).padStart(8, '0')}`);

type DataSource = ReturnType<typeof createDataSource>;

/** The unit of work a provider service runs on `dataSource`. */
function unitOfWorkOn(dataSource: DataSource, provider: Provider): SyncUnitOfWorkTypeOrm {
  const service = `${provider}-sync`;
  return new SyncUnitOfWorkTypeOrm(
    dataSource,
    new InboxTypeOrm(service),
    new OutboxTypeOrm(service),
  );
}

function memoryLister(options: { delayMs?: number } = {}): BackfillLister & { calls: number } {
  const lister = {
    calls: 0,
    async page(_filter: BackfillFilter, checkpoint: unknown): Promise<BackfillPage> {
      lister.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      const at = (checkpoint as { at: number } | null)?.at ?? 0;
      const next = at + 50;
      // One duplicate in the first page: counted skipped, queued once.
      const refs = REFS.slice(at, next);
      return {
        refs: at === 0 ? [...refs, refs[0]!] : refs,
        checkpoint: next < REFS.length ? { at: next } : null,
        done: next >= REFS.length,
      };
    },
  };
  return lister;
}

describe('BackfillRunner on PostgreSQL', () => {
  let url: string;
  const sources: DataSource[] = [];
  const runners: BackfillRunner[] = [];

  beforeAll(async () => {
    url = await createTestDatabase('backfill');
    await runMigrations(await connect());
  });

  afterAll(async () => {
    await Promise.allSettled(runners.map((runner) => runner.stop()));
    await Promise.allSettled(sources.map((source) => source.destroy()));
  });

  async function connect(): Promise<DataSource> {
    const source = createDataSource(url, 'backfill-int');
    await source.initialize();
    sources.push(source);
    return source;
  }

  async function runner(lister: BackfillLister, maxPending = 10_000): Promise<BackfillRunner> {
    const made = new BackfillRunner({
      provider: 'zuora',
      unitOfWork: unitOfWorkOn(await connect(), 'zuora'),
      clock: new SystemClock(),
      lister,
      config: { backfillMaxPending: maxPending, backfillLeaseMs: 2_000 },
      source: 'zuora-sync',
      log: () => undefined,
      pollMs: 100,
    });
    runners.push(made);
    made.start();
    return made;
  }

  async function newJob(db: DataSource): Promise<string> {
    const id = newPlatformId('backfill');
    await insertBackfillJob(db.manager, {
      id,
      provider: 'zuora',
      filter: {},
      createdBy: 'int',
      correlationId: globalThis.crypto.randomUUID(),
      now: new Date(),
    });
    return id;
  }

  /** Marks the job's queued Events done, as the sync workers would. */
  async function finishSyncs(db: DataSource, id: string): Promise<void> {
    await db.query(
      `UPDATE events SET status = 'succeeded', completed_at = now()
       WHERE backfill_id = $1 AND status = 'queued'`,
      [id],
    );
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function duplicates(db: DataSource, id: string): Promise<number> {
    const rows: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM (SELECT ref FROM events WHERE backfill_id = $1
       GROUP BY ref HAVING count(*) > 1) twice`,
      [id],
    );
    return Number(rows[0]?.n);
  }

  it('queues every listed subscription once, with its Event and outbox row, and completes', async () => {
    const db = await connect();
    const id = await newJob(db);
    const lister = memoryLister();
    // Two workers race for the job; one gets it.
    await runner(lister);
    await runner(lister);
    await until(async () => (await findBackfillJob(db.manager, id))?.listingDone === true);
    await finishSyncs(db, id);
    await until(async () => (await findBackfillJob(db.manager, id))?.status === 'completed');

    const job = await findBackfillJob(db.manager, id);
    expect(job?.counts).toEqual({
      listed: REFS.length + 1,
      queued: REFS.length,
      succeeded: REFS.length,
      failed: 0,
      skipped: 1,
    });
    expect(lister.calls).toBe(REFS.length / 50);
    expect(await duplicates(db, id)).toBe(0);
    const outbox: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM outbox WHERE payload->'data'->>'trigger' = 'backfill'`,
    );
    expect(Number(outbox[0]?.n)).toBe(REFS.length);
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  it('lists no further while its pending syncs reach the limit', async () => {
    const db = await connect();
    const id = await newJob(db);
    await runner(memoryLister(), 120);
    await until(async () => ((await findBackfillJob(db.manager, id))?.counts.queued ?? 0) >= 120);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 50 a page: the third page took it to 150; nothing more until syncs finish.
    expect((await findBackfillJob(db.manager, id))?.counts.queued).toBe(150);
    await finishSyncs(db, id);
    await until(async () => ((await findBackfillJob(db.manager, id))?.counts.queued ?? 0) > 150);
    await setBackfillStatus(db.manager, id, 'cancelled', new Date());
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  it('is taken over from its checkpoint when its worker stops, queueing nothing twice', async () => {
    const db = await connect();
    const id = await newJob(db);
    const first = await runner(memoryLister({ delayMs: 30 }));
    await until(async () => ((await findBackfillJob(db.manager, id))?.counts.queued ?? 0) >= 200);
    // A worker that stops without giving the lease back, as a crash would.
    await first.stop();
    const halfway = await findBackfillJob(db.manager, id);
    expect(halfway?.listingDone).toBe(false);
    await runner(memoryLister());
    await until(async () => (await findBackfillJob(db.manager, id))?.listingDone === true);
    await finishSyncs(db, id);
    await until(async () => (await findBackfillJob(db.manager, id))?.status === 'completed');
    expect((await findBackfillJob(db.manager, id))?.counts.queued).toBe(REFS.length);
    expect(await duplicates(db, id)).toBe(0);
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  it('stops listing while paused and goes on from its checkpoint when resumed', async () => {
    const db = await connect();
    const id = await newJob(db);
    await setBackfillStatus(db.manager, id, 'paused', new Date());
    const lister = memoryLister();
    await runner(lister);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lister.calls).toBe(0);
    await setBackfillStatus(db.manager, id, 'running', new Date());
    await until(async () => (await findBackfillJob(db.manager, id))?.listingDone === true);
    expect((await findBackfillJob(db.manager, id))?.counts.queued).toBe(REFS.length);
    await setBackfillStatus(db.manager, id, 'cancelled', new Date());
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
});

describe('ReconcileSweep on PostgreSQL', () => {
  it('runs once per interval across processes and moves its high-water mark', async () => {
    const url = await createTestDatabase('reconcile');
    const sources = [createDataSource(url, 'sweep-a'), createDataSource(url, 'sweep-b')];
    await Promise.all(sources.map((source) => source.initialize()));
    try {
      await runMigrations(sources[0]!);
      const seen: Date[] = [];
      const newest = new Date(Date.now() - 5_000);
      const sweeps = sources.map(
        (dataSource) =>
          new ReconcileSweep({
            provider: 'stripe',
            unitOfWork: unitOfWorkOn(dataSource, 'stripe'),
            clock: new SystemClock(),
            lister: {
              changedSince: (since) => {
                seen.push(since);
                return Promise.resolve({ refs: ['sub_1', 'sub_2', 'sub_1'], newest });
              },
            },
            config: { reconcileIntervalMs: 60_000, reconcileOverlapMs: 1_000 },
            source: 'stripe-sync',
            log: () => undefined,
          }),
      );
      const results = await Promise.all(sweeps.map((sweep) => sweep.sweep()));
      expect(results.filter((r) => r !== null)).toEqual([2]);
      expect(await sweeps[0]!.sweep()).toBeNull();
      const marks: { watermark: Date; last_queued: number }[] = await sources[0]!.query(
        `SELECT watermark, last_queued FROM reconcile_watermarks WHERE provider = 'stripe'`,
      );
      expect(marks[0]?.watermark.getTime()).toBe(newest.getTime());
      expect(marks[0]?.last_queued).toBe(2);
      // The first sweep went one interval back, less the overlap.
      expect(Date.now() - (seen[0]?.getTime() ?? 0)).toBeGreaterThanOrEqual(61_000);
      const events: { trigger: string; n: string }[] = await sources[0]!.query(
        `SELECT trigger, count(*) AS n FROM events GROUP BY trigger`,
      );
      expect(events).toEqual([{ trigger: 'reconcile', n: '2' }]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });
});
