import { BadRequestException } from '@nestjs/common';
import { histogramQuantile, overviewSeries, type ProcessSlotRow } from './overview-series';
import { overviewWindow } from './overview-window';

const NOW = new Date('2025-12-01T10:30:20Z');

function row(overrides: Partial<ProcessSlotRow> & Pick<ProcessSlotRow, 'slot'>): ProcessSlotRow {
  return {
    service: 'zuora-sync',
    process: 'p1',
    lastAt: NOW,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    coalesced: 0,
    deadLetters: 0,
    upstreamRequests: 0,
    upstreamSeconds: 0,
    rateLimited: 0,
    consumerLag: null,
    outboxBacklog: null,
    outboxOldestAgeSeconds: null,
    ...overrides,
  };
}

describe('overviewWindow', () => {
  it('ends with the minute that holds now, one point a minute', () => {
    const window = overviewWindow('15', NOW);
    expect(window).toMatchObject({ stepSeconds: 60, points: 15 });
    expect(new Date(window.to * 1000).toISOString()).toBe('2025-12-01T10:31:00.000Z');
    expect(new Date(window.from * 1000).toISOString()).toBe('2025-12-01T10:16:00.000Z');
  });

  it('takes wider slots for long ranges, at most 180 points', () => {
    expect(overviewWindow(undefined, NOW)).toMatchObject({ minutes: 60, stepSeconds: 60 });
    expect(overviewWindow('1440', NOW)).toMatchObject({ stepSeconds: 480, points: 180 });
  });

  it.each(['0', '4', '1441', 'abc', '10.5', '-5', '99999999'])('refuses minutes=%s', (raw) => {
    expect(() => overviewWindow(raw, NOW)).toThrow(BadRequestException);
    expect(() => overviewWindow(raw, NOW)).toThrow(/minutes must be a whole number from 5 to 1440/);
  });

  it('refuses a repeated parameter', () => {
    expect(() => overviewWindow(['5', '10'], NOW)).toThrow(BadRequestException);
  });
});

describe('overviewSeries', () => {
  const window = overviewWindow('5', NOW);
  const first = window.from / 60;

  it('sums what every process gained per minute, and totals it', () => {
    const view = overviewSeries(
      window,
      [
        row({ slot: first + 3, succeeded: 4, failed: 1, coalesced: 2 }),
        row({ slot: first + 3, process: 'p2', succeeded: 2, rateLimited: 3 }),
        row({ slot: first + 4, service: 'stripe-sync', skipped: 1, deadLetters: 1 }),
        // Outside the window (an earlier slot): left out.
        row({ slot: first - 1, succeeded: 100 }),
      ],
      [],
    );
    expect(view.times).toHaveLength(5);
    expect(view.syncsPerMinute.succeeded).toEqual([0, 0, 0, 6, 0]);
    expect(view.syncsPerMinute.failed).toEqual([0, 0, 0, 1, 0]);
    expect(view.syncsPerMinute.skipped).toEqual([0, 0, 0, 0, 1]);
    expect(view.coalescedPerMinute).toEqual([0, 0, 0, 2, 0]);
    expect(view.deadLettersPerMinute).toEqual([0, 0, 0, 0, 1]);
    expect(view.upstream.rateLimitedPerMinute).toEqual([0, 0, 0, 3, 0]);
    expect(view.totals).toMatchObject({ succeeded: 6, failed: 1, skipped: 1, rateLimited: 3 });
    expect(view.reporting).toEqual([
      { service: 'stripe-sync', processes: 1, lastSampleAt: NOW.toISOString() },
      { service: 'zuora-sync', processes: 2, lastSampleAt: NOW.toISOString() },
    ]);
  });

  it('gives rates per minute when a slot is wider than a minute', () => {
    const wide = overviewWindow('1440', NOW);
    const view = overviewSeries(wide, [row({ slot: wide.from / 480, succeeded: 16 })], []);
    expect(view.syncsPerMinute.succeeded[0]).toBe(2);
  });

  it('adds lag over processes, and outbox backlogs over services (max per service)', () => {
    const view = overviewSeries(
      window,
      [
        row({ slot: first, consumerLag: 3, outboxBacklog: 5, outboxOldestAgeSeconds: 1 }),
        row({
          slot: first,
          process: 'p2',
          consumerLag: 4,
          outboxBacklog: 5,
          outboxOldestAgeSeconds: 2,
        }),
        row({ slot: first, service: 'gateway', process: 'g1', consumerLag: 0, outboxBacklog: 1 }),
      ],
      [],
    );
    expect(view.consumerLag).toEqual([7, null, null, null, null]);
    expect(view.outboxBacklog).toEqual([6, null, null, null, null]);
    expect(view.outboxOldestAgeSeconds).toEqual([2, null, null, null, null]);
  });

  it('gives upstream latency as a mean and a p95 from the summed buckets', () => {
    const view = overviewSeries(
      window,
      [row({ slot: first + 1, upstreamRequests: 4, upstreamSeconds: 0.2 })],
      [
        { slot: first + 1, le: '0.025', count: 2 },
        { slot: first + 1, le: '0.05', count: 3 },
        { slot: first + 1, le: '0.1', count: 4 },
        { slot: first + 1, le: '+Inf', count: 4 },
      ],
    );
    expect(view.upstream.requestsPerMinute).toEqual([0, 4, 0, 0, 0]);
    expect(view.upstream.meanMs).toEqual([null, 50, null, null, null]);
    // Rank 3.8 of 4 falls in (0.05, 0.1]: 0.05 + 0.05 × 0.8.
    expect(view.upstream.p95Ms).toEqual([null, 90, null, null, null]);
  });
});

describe('histogramQuantile', () => {
  it('is null without observations', () => {
    expect(histogramQuantile(0.95, [{ le: Infinity, count: 0 }])).toBeNull();
  });

  it('interpolates in the first bucket from zero', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 0.1, count: 10 },
        { le: Infinity, count: 10 },
      ]),
    ).toBeCloseTo(0.05);
  });

  it('answers the highest finite bound when the quantile lies in +Inf', () => {
    expect(
      histogramQuantile(0.95, [
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toBe(1);
  });
});
