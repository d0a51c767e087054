import { consumerLagSources, outboxBacklogSources } from './messaging.metrics';
import { metricsRegistry } from './metrics.registry';
import {
  EMPTY_OVERVIEW_READING,
  OVERVIEW_METRICS,
  overviewSample,
  readOverview,
} from './overview-sample';
import { syncMetrics } from './sync.metrics';
import { upstreamCallObserver } from './upstream.metrics';

describe('overview readings', () => {
  it('reads only metrics the registry has', () => {
    expect(OVERVIEW_METRICS.filter((name) => !metricsRegistry.getSingleMetric(name))).toEqual([]);
  });

  it('reads the overview numbers off the registry, summed over labels', async () => {
    syncMetrics.answered({
      provider: 'zuora',
      outcome: 'succeeded',
      triggers: ['api', 'ui'],
      seconds: 1,
    });
    syncMetrics.answered({ provider: 'stripe', outcome: 'failed', triggers: ['api'], seconds: 1 });
    const zuora = upstreamCallObserver('zuora');
    zuora.exchanged('GET /v1/subscriptions/{key}', '200', 0.02);
    zuora.exchanged('GET /v1/subscriptions/{key}', '429', 0.3);
    upstreamCallObserver('stripe').exchanged('GET /v1/customers/{id}', '200', 0.004);
    const stopLag = consumerLagSources.add(() => [
      { topic: 'sync.requested.v1', partition: 0, lag: 3 },
      { topic: 'sync.requested.v1', partition: 1, lag: 4 },
    ]);
    const stopOutbox = outboxBacklogSources.add(() => [{ backlog: 5, oldestAgeSeconds: 2.5 }]);

    const reading = await readOverview();
    stopLag();
    stopOutbox();

    expect(reading.syncs).toEqual({ succeeded: 2, failed: 1, skipped: 0 });
    expect(reading.coalesced).toBe(1);
    expect(reading.upstreamRequests).toBe(3);
    expect(reading.upstreamSeconds).toBeCloseTo(0.324);
    expect(reading.rateLimited).toBe(1);
    expect(reading.upstreamBuckets['0.005']).toBe(1);
    expect(reading.upstreamBuckets['0.025']).toBe(2);
    expect(reading.upstreamBuckets['+Inf']).toBe(3);
    expect(reading.consumerLag).toBe(7);
    expect(reading.outboxBacklog).toBe(5);
    expect(reading.outboxOldestAgeSeconds).toBe(2.5);
  });

  it('leaves the lag null, not zero, when no consumer reports one', async () => {
    const reading = await readOverview();
    expect(reading.consumerLag).toBeNull();
  });

  it('stores what counters gained since the previous sample, and gauges as they are', () => {
    const before = {
      ...EMPTY_OVERVIEW_READING,
      syncs: { succeeded: 4, failed: 1, skipped: 0 },
      upstreamRequests: 10,
      upstreamBuckets: { '0.1': 8, '+Inf': 10 },
      consumerLag: 9,
    };
    const now = {
      ...before,
      syncs: { succeeded: 7, failed: 1, skipped: 2 },
      upstreamRequests: 13,
      upstreamBuckets: { '0.1': 9, '+Inf': 13 },
      consumerLag: 2,
    };
    const sample = overviewSample(before, now);
    expect(sample.syncs).toEqual({ succeeded: 3, failed: 0, skipped: 2 });
    expect(sample.upstreamRequests).toBe(3);
    expect(sample.upstreamBuckets).toEqual({ '0.1': 1, '+Inf': 3 });
    expect(sample.consumerLag).toBe(2);
    // A process's first sample counts everything since it started.
    expect(overviewSample(EMPTY_OVERVIEW_READING, now).syncs).toEqual(now.syncs);
  });
});
