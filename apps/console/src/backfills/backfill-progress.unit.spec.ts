import type { BackfillJob } from '../api/api-types';
import {
  actionsFor,
  describeFilter,
  formatPercent,
  formatThroughput,
  formatTimeLeft,
  isLive,
  progressOf,
  timeLeftOf,
} from './backfill-progress';

type Figures = Pick<BackfillJob, 'status' | 'listingDone' | 'counts' | 'pending'>;

function job(overrides: Partial<Figures> & { queued?: number }): Figures {
  const queued = overrides.queued ?? 0;
  return {
    status: overrides.status ?? 'running',
    listingDone: overrides.listingDone ?? true,
    counts: overrides.counts ?? { listed: queued, queued, succeeded: 0, failed: 0, skipped: 0 },
    pending: overrides.pending ?? 0,
  };
}

describe('a backfill progress bar', () => {
  it('counts finished syncs out of those queued', () => {
    expect(progressOf(job({ queued: 400, pending: 300 }))).toEqual({
      done: 100,
      total: 400,
      fraction: 0.25,
      totalKnown: true,
    });
  });

  it('says the total may still grow while listing goes on', () => {
    expect(progressOf(job({ queued: 198, pending: 98, listingDone: false }))).toMatchObject({
      done: 100,
      total: 198,
      totalKnown: false,
    });
  });

  it('is empty, not broken, before anything is queued', () => {
    expect(progressOf(job({ queued: 0, listingDone: false }))).toEqual({
      done: 0,
      total: 0,
      fraction: 0,
      totalKnown: false,
    });
  });

  it('is full for a completed job that found nothing to sync', () => {
    expect(progressOf(job({ status: 'completed', queued: 0 })).fraction).toBe(1);
  });

  it('never reads 100% before the end', () => {
    expect(formatPercent(399 / 400)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('time left, throughput and filter in words', () => {
  it.each([
    [null, '—'],
    [-1, '—'],
    [0, 'done'],
    [0.2, '1 s'],
    [45, '45 s'],
    [60, '1 min'],
    [200, '3 min 20 s'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
    [7190, '2 h'],
  ])('%p seconds is %p', (seconds, words) => {
    expect(formatTimeLeft(seconds)).toBe(words);
  });

  it('says done for a completed job, and nothing for a cancelled one', () => {
    expect(timeLeftOf({ status: 'completed', estimatedSecondsLeft: null })).toBe('done');
    expect(timeLeftOf({ status: 'cancelled', estimatedSecondsLeft: null })).toBe('—');
    expect(timeLeftOf({ status: 'running', estimatedSecondsLeft: 90 })).toBe('1 min 30 s');
  });

  it('gives syncs per second, one decimal below ten', () => {
    expect(formatThroughput(0)).toBe('—');
    expect(formatThroughput(0.34)).toBe('0.3 /s');
    expect(formatThroughput(12.5)).toBe('13 /s');
    expect(formatThroughput(1200)).toBe('1,200 /s');
  });

  it('names the filter, or every subscription without one', () => {
    expect(describeFilter({})).toBe('every subscription');
    expect(
      describeFilter({ updatedSince: '2026-01-01T00:00:00.000Z', accounts: ['A1', 'A2'] }),
    ).toBe('updatedSince 2026-01-01T00:00:00.000Z; accounts A1, A2');
  });
});

describe('what a job allows and whether to keep asking', () => {
  it('offers pause to a running job, resume to a paused one, nothing to an ended one', () => {
    expect(actionsFor('running')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
    expect(actionsFor('failed')).toEqual([]);
  });

  it('polls while a job runs or still has syncs to finish', () => {
    expect(isLive({ status: 'running', pending: 0 })).toBe(true);
    expect(isLive({ status: 'cancelled', pending: 3 })).toBe(true);
    expect(isLive({ status: 'paused', pending: 0 })).toBe(false);
    expect(isLive({ status: 'completed', pending: 0 })).toBe(false);
  });
});
