import type { Overview } from '../api/api-types';
import { latest, overviewCharts, rangeLabel } from './overview-charts';

const overview: Overview = {
  from: '2025-12-01T10:00:00.000Z',
  to: '2025-12-01T10:03:00.000Z',
  stepSeconds: 60,
  times: [1764583200, 1764583260, 1764583320],
  syncsPerMinute: { succeeded: [0, 3, 1], failed: [0, 1, 0], skipped: [0, 0, 0] },
  coalescedPerMinute: [0, 2, 0],
  deadLettersPerMinute: [0, 0, 1],
  upstream: {
    requestsPerMinute: [0, 8, 2],
    rateLimitedPerMinute: [0, 1, 0],
    meanMs: [null, 12.5, 30],
    p95Ms: [null, 40, 95.2],
  },
  consumerLag: [null, 4, null],
  outboxBacklog: [0, 2, 0],
  outboxOldestAgeSeconds: [0, 1, 0],
  totals: {
    succeeded: 4,
    failed: 1,
    skipped: 0,
    coalesced: 2,
    deadLetters: 1,
    upstreamRequests: 10,
    rateLimited: 1,
  },
  reporting: [{ service: 'zuora-sync', processes: 1, lastSampleAt: '2025-12-01T10:02:50.000Z' }],
};

const figures = (id: string) =>
  overviewCharts(overview)
    .find((chart) => chart.id === id)
    ?.lines.map((line) => `${line.label}: ${line.figure}`);

describe('overviewCharts', () => {
  it('draws six charts in reading order', () => {
    expect(overviewCharts(overview).map((chart) => chart.id)).toEqual([
      'syncs',
      'failures',
      'coalesced',
      'upstream-latency',
      'upstream-calls',
      'backlog',
    ]);
  });

  it('labels counters with their total over the range', () => {
    expect(figures('syncs')).toEqual([
      'Succeeded: 4 in range',
      'Failed: 1 in range',
      'Skipped: 0 in range',
    ]);
    expect(figures('upstream-calls')).toEqual([
      'Calls: 10 in range',
      '429 Too Many Requests: 1 in range',
    ]);
  });

  it('labels latency with its slowest point and gauges with their latest value', () => {
    expect(figures('upstream-latency')).toEqual(['p95: at most 95 ms', 'Mean: at most 30 ms']);
    expect(figures('backlog')).toEqual(['Consumer lag: now 4', 'Outbox backlog: now 0']);
  });

  it('says when a gauge or the latency has nothing to show', () => {
    const quiet: Overview = {
      ...overview,
      upstream: { ...overview.upstream, meanMs: [null, null, null], p95Ms: [null, null, null] },
      consumerLag: [null, null, null],
    };
    const lines = overviewCharts(quiet).flatMap((chart) => chart.lines);
    expect(lines.find((line) => line.label === 'p95')?.figure).toBe('no calls');
    expect(lines.find((line) => line.label === 'Consumer lag')?.figure).toBe('none reported');
  });
});

describe('helpers', () => {
  it('finds the latest reported value', () => {
    expect(latest([1, 2, null])).toBe(2);
    expect(latest([null, null])).toBeNull();
  });

  it('names ranges in minutes or hours', () => {
    expect(rangeLabel(15)).toBe('15 min');
    expect(rangeLabel(1440)).toBe('24 h');
  });
});
