import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { metricsRegistry } from './metrics.registry';

/**
 * What the console's overview charts need from one process, read off its registry: counters as
 * they stand (they only grow while the process lives) and gauges as they are now.
 */
export interface OverviewReading {
  syncs: { succeeded: number; failed: number; skipped: number };
  coalesced: number;
  deadLetters: number;
  upstreamRequests: number;
  upstreamSeconds: number;
  /** Upstream exchanges at or under each bucket bound (`le`, `+Inf` included), all summed. */
  upstreamBuckets: Record<string, number>;
  rateLimited: number;
  /** Gauges: null where the process reports none (no consumer, no outbox). */
  consumerLag: number | null;
  outboxBacklog: number | null;
  outboxOldestAgeSeconds: number | null;
}

/**
 * One stored sample: what the counters gained since the process's previous sample (so summing
 * samples over any set of processes and any time range needs no knowledge of restarts), and the
 * gauges as they were when it was taken.
 */
export type OverviewSample = OverviewReading;

export const EMPTY_OVERVIEW_READING: OverviewReading = {
  syncs: { succeeded: 0, failed: 0, skipped: 0 },
  coalesced: 0,
  deadLetters: 0,
  upstreamRequests: 0,
  upstreamSeconds: 0,
  upstreamBuckets: {},
  rateLimited: 0,
  consumerLag: null,
  outboxBacklog: null,
  outboxOldestAgeSeconds: null,
};

/** The metrics the overview reads; a test keeps them in step with the registry. */
export const OVERVIEW_METRICS = [
  'subsync_syncs_total',
  'subsync_sync_requests_coalesced_total',
  'subsync_dead_letters_total',
  'subsync_upstream_request_duration_seconds',
  'subsync_upstream_rate_limited_total',
  'subsync_consumer_lag',
  // Collecting the oldest age reads the outbox and sets the backlog too, so it goes first.
  'subsync_outbox_oldest_age_seconds',
  'subsync_outbox_backlog',
] as const;

type Values = MetricValue<string>[];

function valuesOf(metrics: MetricObjectWithValues<MetricValue<string>>[], name: string): Values {
  return metrics.find((metric) => metric.name === name)?.values ?? [];
}

const sum = (values: Values) => values.reduce((total, entry) => total + entry.value, 0);

/** A histogram's entries of one kind (`_bucket`, `_sum`, `_count`). */
const sampleOf = (values: Values, metricName: string) =>
  values.filter((entry) => (entry as { metricName?: string }).metricName === metricName);

function gauge(values: Values): number | null {
  return values.length === 0 ? null : sum(values);
}

/** The overview's numbers in a registry's JSON (`Registry.getMetricsAsJSON()`). */
export function overviewReading(
  metrics: MetricObjectWithValues<MetricValue<string>>[],
): OverviewReading {
  const syncs = valuesOf(metrics, 'subsync_syncs_total');
  const byOutcome = (outcome: string) =>
    sum(syncs.filter((entry) => entry.labels['outcome'] === outcome));
  const duration = valuesOf(metrics, 'subsync_upstream_request_duration_seconds');
  const upstreamBuckets: Record<string, number> = {};
  for (const entry of sampleOf(duration, 'subsync_upstream_request_duration_seconds_bucket')) {
    const le = String(entry.labels['le']);
    upstreamBuckets[le] = (upstreamBuckets[le] ?? 0) + entry.value;
  }
  return {
    syncs: {
      succeeded: byOutcome('succeeded'),
      failed: byOutcome('failed'),
      skipped: byOutcome('skipped'),
    },
    coalesced: sum(valuesOf(metrics, 'subsync_sync_requests_coalesced_total')),
    deadLetters: sum(valuesOf(metrics, 'subsync_dead_letters_total')),
    upstreamRequests: sum(sampleOf(duration, 'subsync_upstream_request_duration_seconds_count')),
    upstreamSeconds: sum(sampleOf(duration, 'subsync_upstream_request_duration_seconds_sum')),
    upstreamBuckets,
    rateLimited: sum(valuesOf(metrics, 'subsync_upstream_rate_limited_total')),
    consumerLag: gauge(valuesOf(metrics, 'subsync_consumer_lag')),
    outboxBacklog: gauge(valuesOf(metrics, 'subsync_outbox_backlog')),
    outboxOldestAgeSeconds: gauge(valuesOf(metrics, 'subsync_outbox_oldest_age_seconds')),
  };
}

/** What the counters gained from `previous` to `current`; the gauges are `current`'s. */
export function overviewSample(
  previous: OverviewReading,
  current: OverviewReading,
): OverviewSample {
  const gained = (now: number, before: number) => Math.max(0, now - before);
  const upstreamBuckets: Record<string, number> = {};
  for (const [le, count] of Object.entries(current.upstreamBuckets)) {
    upstreamBuckets[le] = gained(count, previous.upstreamBuckets[le] ?? 0);
  }
  return {
    syncs: {
      succeeded: gained(current.syncs.succeeded, previous.syncs.succeeded),
      failed: gained(current.syncs.failed, previous.syncs.failed),
      skipped: gained(current.syncs.skipped, previous.syncs.skipped),
    },
    coalesced: gained(current.coalesced, previous.coalesced),
    deadLetters: gained(current.deadLetters, previous.deadLetters),
    upstreamRequests: gained(current.upstreamRequests, previous.upstreamRequests),
    upstreamSeconds: gained(current.upstreamSeconds, previous.upstreamSeconds),
    upstreamBuckets,
    rateLimited: gained(current.rateLimited, previous.rateLimited),
    consumerLag: current.consumerLag,
    outboxBacklog: current.outboxBacklog,
    outboxOldestAgeSeconds: current.outboxOldestAgeSeconds,
  };
}

/**
 * This process's overview reading now. Only the overview's metrics are collected, so a reading
 * costs what a scrape of them costs (the lag and outbox gauges read their sources).
 */
export async function readOverview(): Promise<OverviewReading> {
  const metrics: MetricObjectWithValues<MetricValue<string>>[] = [];
  for (const name of OVERVIEW_METRICS) {
    const metric = await metricsRegistry.getSingleMetric(name)?.get();
    if (metric) metrics.push(metric);
  }
  return overviewReading(metrics);
}
