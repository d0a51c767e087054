import type { BackfillJob } from '../api/api-types';
import { formatPercent, progressOf } from './backfill-progress';

/**
 * A native <progress>: the console's CSP allows no inline style, and the element needs none.
 * While listing goes on the total still grows, and the words say so.
 */
export function BackfillProgressBar({ job }: { job: BackfillJob }) {
  const progress = progressOf(job);
  return (
    <div class="backfill-progress" data-testid="backfill-progress">
      <progress
        max={Math.max(1, progress.total)}
        value={progress.total === 0 ? progress.fraction : progress.done}
        aria-label={`Backfill ${job.id}: ${progress.done} of ${progress.total} syncs finished`}
      />
      <span class="small nowrap">
        {progress.done.toLocaleString('en')} / {progress.total.toLocaleString('en')}
        {progress.totalKnown ? '' : '+'} · {formatPercent(progress.fraction)}
        {!progress.totalKnown && job.status === 'running' && <span class="muted"> listing…</span>}
      </span>
    </div>
  );
}
