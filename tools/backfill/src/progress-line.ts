/** What the progress line shows of a backfill (the fields of GET /api/backfills/{id}). */
export interface BackfillSnapshot {
  id: string;
  status: string;
  listingDone: boolean;
  counts: { listed: number; queued: number; succeeded: number; failed: number; skipped: number };
  throughputPerSecond: number;
  estimatedSecondsLeft: number | null;
}

const FINISHED = new Set(['completed', 'cancelled', 'failed']);

export function isFinished(job: BackfillSnapshot): boolean {
  return FINISHED.has(job.status);
}

/**
 * One line: a bar of the finished syncs out of those listed so far (the total is known only once
 * listing is done, so the bar may move back a little while it goes on), the counts, the rate and
 * the time left.
 */
export function progressLine(job: BackfillSnapshot, width = 30): string {
  const { listed, queued, succeeded, failed, skipped } = job.counts;
  const done = succeeded + failed + Math.max(0, skipped - (listed - queued));
  const total = Math.max(queued, 1);
  const share = Math.min(1, queued === 0 ? 0 : done / total);
  const filled = Math.round(share * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  const left =
    job.estimatedSecondsLeft === null
      ? job.listingDone
        ? ''
        : ' (listing…)'
      : ` ~${formatSeconds(job.estimatedSecondsLeft)} left`;
  return (
    `${bar} ${percent} ${done}/${queued}${job.listingDone ? '' : '+'}` +
    ` ✓${succeeded} ✗${failed} ↷${skipped} ${job.throughputPerSecond.toFixed(1)}/s${left} [${job.status}]`
  );
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${seconds % 60}s`
    : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
