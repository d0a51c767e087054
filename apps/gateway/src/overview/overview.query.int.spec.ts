import { OverviewSampler } from '@subsync/messaging';
import { syncMetrics, upstreamCallObserver } from '@subsync/metrics';
import { createDataSource, OverviewQueryTypeOrm, runMigrations } from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { overviewSeries } from './overview-series';
import { overviewWindow } from './overview-window';

describe('the overview from stored metric samples', () => {
  let db: ReturnType<typeof createDataSource>;

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('overview'), 'overview-int');
    await db.initialize();
    await runMigrations(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('counts what every process did once, however often each sampled', async () => {
    // Two instances of zuora-sync: the registry is this process's, so each sampler stores
    // what it gained since its own previous sample.
    const first = new OverviewSampler(db, { service: 'zuora-sync', intervalMs: 60_000 });
    const second = new OverviewSampler(db, { service: 'zuora-sync', intervalMs: 60_000 });
    syncMetrics.answered({
      provider: 'zuora',
      outcome: 'succeeded',
      triggers: ['api'],
      seconds: 1,
    });
    upstreamCallObserver('zuora').exchanged('GET /v1/subscriptions/{key}', '429', 0.2);
    await first.sampleOnce();
    syncMetrics.answered({
      provider: 'zuora',
      outcome: 'failed',
      triggers: ['api', 'ui'],
      seconds: 1,
    });
    await first.sampleOnce();
    await first.sampleOnce();
    await second.sampleOnce();

    const window = overviewWindow('5', new Date());
    const { rows, buckets } = await new OverviewQueryTypeOrm(db).read(window);
    const view = overviewSeries(window, rows, buckets);

    // The first sampler stored 1 + 2 + 0, the second all 3 it found at its first sample.
    expect(view.totals).toMatchObject({
      succeeded: 2,
      failed: 4,
      coalesced: 2,
      upstreamRequests: 2,
      rateLimited: 2,
    });
    // Both 0.2 s exchanges lie in (0.1, 0.25]: rank 1.9 of 2 interpolates to 242.5 ms.
    expect(view.upstream.p95Ms.filter((ms) => ms !== null)).toEqual([242.5]);
    expect(view.reporting).toEqual([
      expect.objectContaining({ service: 'zuora-sync', processes: 2 }),
    ]);
  });

  it('holds nothing for a window before any sample', async () => {
    const window = overviewWindow('5', new Date(Date.now() - 3_600_000));
    const { rows, buckets } = await new OverviewQueryTypeOrm(db).read(window);
    expect(overviewSeries(window, rows, buckets).totals.succeeded).toBe(0);
  });
});
