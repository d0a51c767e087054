import { z } from 'zod';
import {
  BACKFILL_STATUSES,
  backfillCountsSchema,
  backfillProgress,
  providerSchema,
} from '@subsync/domain';
import type { BackfillJob } from '@subsync/persistence';
import { listSchema } from '../http/page.schema';

export const backfillViewSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  filter: z.record(z.string(), z.unknown()),
  status: z.enum(BACKFILL_STATUSES),
  listingDone: z.boolean().describe('False while the upstream is still being listed.'),
  counts: backfillCountsSchema,
  pending: z.number().describe('Queued syncs not finished yet.'),
  throughputPerSecond: z.number().describe('Finished syncs per second since the job started.'),
  estimatedSecondsLeft: z
    .number()
    .nullable()
    .describe('Null while listing goes on or before anything finished.'),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type BackfillView = z.infer<typeof backfillViewSchema>;

export const backfillListSchema = listSchema(backfillViewSchema);

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
