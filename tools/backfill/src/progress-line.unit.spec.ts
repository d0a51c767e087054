import { isFinished, progressLine } from './progress-line';

const job = {
  id: 'backfill-1',
  status: 'running',
  listingDone: true,
  counts: { listed: 200, queued: 200, succeeded: 90, failed: 5, skipped: 5 },
  throughputPerSecond: 12.5,
  estimatedSecondsLeft: 8,
};

describe('the backfill progress line', () => {
  it('fills the bar by the share of queued syncs that finished', () => {
    expect(progressLine(job, 10)).toBe(
      '█████░░░░░  50% 100/200 ✓90 ✗5 ↷5 12.5/s ~8s left [running]',
    );
  });

  it('marks the total as growing while listing goes on', () => {
    expect(progressLine({ ...job, listingDone: false, estimatedSecondsLeft: null }, 10)).toContain(
      '100/200+',
    );
    expect(progressLine({ ...job, listingDone: false, estimatedSecondsLeft: null }, 10)).toContain(
      '(listing…)',
    );
  });

  it('does not count duplicates skipped in listing as finished syncs', () => {
    const line = progressLine(
      { ...job, counts: { listed: 10, queued: 8, succeeded: 8, failed: 0, skipped: 2 } },
      10,
    );
    expect(line).toContain('██████████ 100% 8/8');
  });

  it('knows when a job has ended', () => {
    expect(isFinished(job)).toBe(false);
    expect(isFinished({ ...job, status: 'completed' })).toBe(true);
    expect(isFinished({ ...job, status: 'paused' })).toBe(false);
  });
});
