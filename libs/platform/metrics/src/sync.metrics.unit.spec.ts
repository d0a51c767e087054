import { metricsRegistry } from './metrics.registry';
import { syncMetrics } from './sync.metrics';

/** The sum of a metric's samples (`sample` names a histogram's `_count` and such) with these labels. */
async function value(name: string, labels: Record<string, string>, sample = name): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((entry) => ((entry as { metricName?: string }).metricName ?? name) === sample)
    .filter((entry) => Object.entries(labels).every(([key, v]) => entry.labels[key] === v))
    .reduce((sum, entry) => sum + entry.value, 0);
}

describe('syncMetrics', () => {
  it('counts each request a sync answered under its own trigger, and the coalesced ones', async () => {
    syncMetrics.answered({
      provider: 'zuora',
      outcome: 'succeeded',
      triggers: ['api', 'callout', 'callout'],
      seconds: 0.3,
    });
    expect(await value('subsync_syncs_total', { provider: 'zuora', trigger: 'api' })).toBe(1);
    expect(await value('subsync_syncs_total', { provider: 'zuora', trigger: 'callout' })).toBe(2);
    expect(await value('subsync_sync_requests_coalesced_total', { provider: 'zuora' })).toBe(2);
    const duration = 'subsync_sync_duration_seconds';
    expect(await value(duration, { provider: 'zuora' }, `${duration}_count`)).toBe(1);
    expect(await value(duration, { provider: 'zuora' }, `${duration}_sum`)).toBeCloseTo(0.3);
  });

  it('keeps syncs in flight until each ends, once', async () => {
    const first = syncMetrics.started('stripe');
    const second = syncMetrics.started('stripe');
    expect(await value('subsync_syncs_in_flight', { provider: 'stripe' })).toBe(2);
    first();
    first();
    expect(await value('subsync_syncs_in_flight', { provider: 'stripe' })).toBe(1);
    second();
    expect(await value('subsync_syncs_in_flight', { provider: 'stripe' })).toBe(0);
  });
});
