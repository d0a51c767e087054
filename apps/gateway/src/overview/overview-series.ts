import type { LatencyBucketRow, ProcessSlotRow } from '@subsync/persistence';
import type { OverviewWindow } from './overview-window';
import { type OverviewView, TOTALLED } from './overview.view';

const COUNTERS = [...TOTALLED, 'upstreamSeconds'] as const;
type Totalled = (typeof TOTALLED)[number];
type Counter = (typeof COUNTERS)[number];

export type { ProcessSlotRow } from '@subsync/persistence';

type Series = (number | null)[];

/**
 * The overview's series from per-process slot rows. Counters are what every process gained,
 * summed, as a rate per minute. Gauges take each process's last value in the slot: consumer lag
 * adds up over processes (each reports the partitions it owns); an outbox belongs to a service
 * and reads the same on each of its instances, so the services' maxima add up.
 */
export function overviewSeries(
  window: OverviewWindow,
  rows: readonly ProcessSlotRow[],
  buckets: readonly LatencyBucketRow[],
): OverviewView {
  const firstSlot = window.from / window.stepSeconds;
  const perMinute = window.stepSeconds / 60;
  const index = (slot: number) => slot - firstSlot;
  const inWindow = (slot: number) => index(slot) >= 0 && index(slot) < window.points;
  const zeros = () => new Array<number>(window.points).fill(0);
  const gaps = (): Series => new Array<number | null>(window.points).fill(null);

  const counts = Object.fromEntries(COUNTERS.map((name) => [name, zeros()])) as Record<
    Counter,
    number[]
  >;
  const consumerLag = gaps();
  const outboxOldestAgeSeconds = gaps();
  const outboxByService = new Map<string, number>();
  const outboxBacklog = gaps();
  const reporting = new Map<string, { processes: Set<string>; lastAt: Date }>();

  for (const row of rows) {
    if (!inWindow(row.slot)) continue;
    const i = index(row.slot);
    for (const name of COUNTERS) counts[name][i] = (counts[name][i] ?? 0) + row[name];
    if (row.consumerLag !== null) consumerLag[i] = (consumerLag[i] ?? 0) + row.consumerLag;
    if (row.outboxOldestAgeSeconds !== null) {
      outboxOldestAgeSeconds[i] = Math.max(
        outboxOldestAgeSeconds[i] ?? 0,
        row.outboxOldestAgeSeconds,
      );
    }
    if (row.outboxBacklog !== null) {
      const key = `${i}\u0000${row.service}`;
      outboxByService.set(key, Math.max(outboxByService.get(key) ?? 0, row.outboxBacklog));
    }
    const seen = reporting.get(row.service) ?? { processes: new Set<string>(), lastAt: row.lastAt };
    seen.processes.add(row.process);
    if (row.lastAt > seen.lastAt) seen.lastAt = row.lastAt;
    reporting.set(row.service, seen);
  }
  for (const [key, backlog] of outboxByService) {
    const i = Number(key.slice(0, key.indexOf('\u0000')));
    outboxBacklog[i] = (outboxBacklog[i] ?? 0) + backlog;
  }

  const bucketsBySlot = new Map<number, { le: number; count: number }[]>();
  for (const bucket of buckets) {
    if (!inWindow(bucket.slot)) continue;
    const list = bucketsBySlot.get(bucket.slot) ?? [];
    list.push({ le: bucket.le === '+Inf' ? Infinity : Number(bucket.le), count: bucket.count });
    bucketsBySlot.set(bucket.slot, list);
  }
  const p95Ms = gaps();
  for (const [slot, list] of bucketsBySlot) {
    const seconds = histogramQuantile(0.95, list);
    p95Ms[index(slot)] = seconds === null ? null : roundTo(seconds * 1000, 1);
  }
  const meanMs: Series = counts.upstreamRequests.map((requests, i) =>
    requests > 0 ? roundTo(((counts.upstreamSeconds[i] ?? 0) / requests) * 1000, 1) : null,
  );

  const rate = (series: number[]) => series.map((count) => roundTo(count / perMinute, 2));
  const total = (series: number[]) => series.reduce((sum, count) => sum + count, 0);
  return {
    from: new Date(window.from * 1000).toISOString(),
    to: new Date(window.to * 1000).toISOString(),
    stepSeconds: window.stepSeconds,
    times: Array.from({ length: window.points }, (_, i) => window.from + i * window.stepSeconds),
    syncsPerMinute: {
      succeeded: rate(counts.succeeded),
      failed: rate(counts.failed),
      skipped: rate(counts.skipped),
    },
    coalescedPerMinute: rate(counts.coalesced),
    deadLettersPerMinute: rate(counts.deadLetters),
    upstream: {
      requestsPerMinute: rate(counts.upstreamRequests),
      rateLimitedPerMinute: rate(counts.rateLimited),
      meanMs,
      p95Ms,
    },
    consumerLag,
    outboxBacklog,
    outboxOldestAgeSeconds,
    totals: Object.fromEntries(TOTALLED.map((name) => [name, total(counts[name])])) as Record<
      Totalled,
      number
    >,
    reporting: [...reporting.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, seen]) => ({
        service,
        processes: seen.processes.size,
        lastSampleAt: seen.lastAt.toISOString(),
      })),
  };
}

/**
 * The q-quantile of a cumulative histogram (`count` exchanges at or under `le`), interpolating
 * linearly inside the bucket it falls in, as Prometheus' histogram_quantile does; a quantile in
 * the `+Inf` bucket is the highest finite bound. Null without observations.
 */
export function histogramQuantile(
  q: number,
  buckets: readonly { le: number; count: number }[],
): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const observed = sorted.at(-1)?.count ?? 0;
  if (observed <= 0) return null;
  const rank = q * observed;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of sorted) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket <= 0 ? le : lowerBound + ((le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
