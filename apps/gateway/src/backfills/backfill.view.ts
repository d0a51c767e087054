import { backfillProgress, type BackfillCounts, type BackfillStatus } from '@subsync/domain';
import type { BackfillJob } from '@subsync/persistence';

export interface BackfillView {
  id: string;
  provider: 'zuora' | 'stripe';
  filter: Record<string, unknown>;
  status: BackfillStatus;
  /** False while the upstream is still being listed. */
  listingDone: boolean;
  counts: BackfillCounts;
  /** Queued syncs not finished yet. */
  pending: number;
  /** Finished syncs per second since the job started. */
  throughputPerSecond: number;
  /** Null while listing goes on or before anything finished. */
  estimatedSecondsLeft: number | null;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** A job as the API shows it, with its throughput and time left at `now`. */
export function toBackfillView(job: BackfillJob, now: Date): BackfillView {
  const end = job.completedAt ?? now;
  const progress = backfillProgress({
    counts: job.counts,
    syncSkipped: job.syncSkipped,
    listingDone: job.listingDone,
    startedAt: job.createdAt,
    now: end,
  });
  return {
    id: job.id,
    provider: job.provider,
    filter: job.filter,
    status: job.status,
    listingDone: job.listingDone,
    counts: job.counts,
    pending: progress.pending,
    throughputPerSecond: progress.throughputPerSecond,
    estimatedSecondsLeft:
      job.status === 'running' || job.status === 'paused' ? progress.estimatedSecondsLeft : null,
    error: job.error,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    completedAt: job.completedAt?.toISOString() ?? null,
  };
}
