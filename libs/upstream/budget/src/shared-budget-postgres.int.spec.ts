import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { SharedConcurrencyPostgres } from './shared-concurrency-postgres';
import { SharedRatePostgres } from './shared-rate-postgres';

// Two budget clients with their own connection pools stand for two processes.
describe('upstream budgets shared through PostgreSQL', () => {
  let url: string;
  const sources: DataSource[] = [];
  const stoppers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    url = await createTestDatabase('budget');
    const setup = await connect();
    await runMigrations(setup);
  });

  afterAll(async () => {
    await Promise.allSettled(stoppers.map((stop) => stop()));
    await Promise.allSettled(sources.filter((s) => s.isInitialized).map((s) => s.destroy()));
  });

  async function connect(): Promise<DataSource> {
    const source = createDataSource(url, 'budget-int');
    await source.initialize();
    sources.push(source);
    return source;
  }

  async function concurrency(name: string, limit: number): Promise<SharedConcurrencyPostgres> {
    const budget = new SharedConcurrencyPostgres({
      dataSource: await connect(),
      name,
      limit,
      rebalanceIntervalMs: 100,
      leaseMs: 2_500,
    });
    await budget.start();
    stoppers.push(() => budget.stop());
    return budget;
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Keeps `workers` requests going through `budget` for `ms`, tracking how many run at once overall. */
  async function load(
    budget: SharedConcurrencyPostgres,
    workers: number,
    ms: number,
    meter: { now: number; max: number },
  ): Promise<number> {
    let done = 0;
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < until) {
          const release = await budget.acquire();
          meter.now += 1;
          meter.max = Math.max(meter.max, meter.now);
          await sleep(10 + Math.random() * 20);
          meter.now -= 1;
          release();
          done += 1;
        }
      }),
    );
    return done;
  }

  it('keeps two processes together within the limit, and shares it between them', async () => {
    const a = await concurrency('zuora:test-share', 6);
    const b = await concurrency('zuora:test-share', 6);
    const meter = { now: 0, max: 0 };
    const [doneA, doneB] = await Promise.all([
      load(a, 20, 3_000, meter),
      load(b, 20, 3_000, meter),
    ]);
    expect(meter.max).toBeLessThanOrEqual(6);
    expect(meter.max).toBeGreaterThanOrEqual(5);
    // Each got a real share of the work, not a trickle.
    expect(Math.min(doneA, doneB) / Math.max(doneA, doneB)).toBeGreaterThan(0.3);
  });

  it('hands a crashed process’s share to the others once its lease expires', async () => {
    const crashed = await concurrency('zuora:test-crash', 4);
    const survivor = await concurrency('zuora:test-crash', 4);
    const meter = { now: 0, max: 0 };
    await Promise.all([load(crashed, 10, 1_000, meter), load(survivor, 10, 1_000, meter)]);
    expect(survivor.state.granted).toBeLessThan(4);
    expect(meter.max).toBeLessThanOrEqual(4);
    // The crash: its connections are gone, so it can neither renew nor give its share back.
    await sources[sources.length - 2]!.destroy();
    await crashed.stop(); // its timers only: with no connection it cannot give anything back
    const after = { now: 0, max: 0 };
    await load(survivor, 10, 4_000, after);
    expect(after.max).toBe(4);
  });

  it('shrinks the limit for everyone when the upstream pushes back, then grows it again', async () => {
    const a = await concurrency('zuora:test-aimd', 20);
    const b = await concurrency('zuora:test-aimd', 20);
    await sleep(300);
    a.pushedBack();
    await sleep(300);
    expect(a.state.limit).toBe(15);
    expect(b.state.limit).toBe(15); // b reads the shrunk limit at its next rebalance
    await sleep(3_500); // the hold (1 s) passes, then 1 slot a second comes back
    expect(a.state.limit).toBeGreaterThan(15);
    expect(a.state.limit).toBeLessThanOrEqual(20);
  });

  it('keeps two processes together within a request rate', async () => {
    const clients = await Promise.all(
      [1, 2].map(async () => {
        const budget = new SharedRatePostgres({
          dataSource: await connect(),
          name: 'stripe:test-rate',
          perSecond: 20,
          rebalanceIntervalMs: 100,
        });
        await budget.start();
        stoppers.push(() => budget.stop());
        return budget;
      }),
    );
    const sent: number[] = [];
    const until = Date.now() + 3_000;
    await Promise.all(
      clients.flatMap((budget) =>
        Array.from({ length: 10 }, async () => {
          while (Date.now() < until) {
            await budget.take();
            sent.push(Date.now());
          }
        }),
      ),
    );
    // Steady state: no one-second window holds much more than the rate (bursts are one second of share).
    const from = sent[0]! + 1_000;
    const windows = sent
      .filter((t) => t >= from && t < until - 1_000)
      .map((start) => sent.filter((t) => t >= start && t < start + 1_000).length);
    expect(Math.max(...windows)).toBeLessThanOrEqual(24);
    expect(sent.length).toBeGreaterThan(35);
  });
});
