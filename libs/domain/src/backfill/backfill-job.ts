// A backfill job's life. Pure: the runner and the gateway both ask these functions what a
// state allows, so an operator action and the runner can never disagree.
import { z } from 'zod';

export const BACKFILL_STATUSES = ['running', 'paused', 'cancelled', 'completed', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

export const BACKFILL_ACTIONS = ['pause', 'resume', 'cancel'] as const;
export type BackfillAction = (typeof BACKFILL_ACTIONS)[number];

export type BackfillTransition =
  { ok: true; status: BackfillStatus } | { ok: false; reason: string };

/** What an operator action does to a job in `status`; finished jobs stay as they are. */
export function applyBackfillAction(
  status: BackfillStatus,
  action: BackfillAction,
): BackfillTransition {
  if (status === 'cancelled' || status === 'completed' || status === 'failed') {
    return { ok: false, reason: `the backfill is ${status}; it cannot ${action}` };
  }
  switch (action) {
    case 'pause':
      return status === 'running'
        ? { ok: true, status: 'paused' }
        : { ok: false, reason: 'the backfill is paused already' };
    case 'resume':
      return status === 'paused'
        ? { ok: true, status: 'running' }
        : { ok: false, reason: 'the backfill is running already' };
    case 'cancel':
      return { ok: true, status: 'cancelled' };
  }
}

export const backfillCountsSchema = z.object({
  listed: z.number().describe('Subscriptions the upstream listed so far.'),
  queued: z.number().describe('Syncs queued (each with its Event).'),
  succeeded: z.number(),
  failed: z.number(),
  skipped: z
    .number()
    .describe('Listed but not queued (a duplicate in one page), plus syncs that ended skipped.'),
});
export type BackfillCounts = z.infer<typeof backfillCountsSchema>;

export interface BackfillProgress {
  /** Syncs finished (succeeded, failed or skipped) per second since the job started. */
  throughputPerSecond: number;
  /** Syncs queued and not finished yet. */
  pending: number;
  /**
   * Seconds until the queued syncs are done, at the throughput so far; null while nothing has
   * finished, or while listing goes on (the upstream does not say how many there are).
   */
  estimatedSecondsLeft: number | null;
}

/** Throughput and time left, from the counts and how long the job has been going. */
export function backfillProgress(input: {
  counts: BackfillCounts;
  syncSkipped: number;
  listingDone: boolean;
  startedAt: Date;
  now: Date;
}): BackfillProgress {
  const { counts, listingDone } = input;
  const finished = counts.succeeded + counts.failed + input.syncSkipped;
  const pending = Math.max(0, counts.queued - finished);
  const seconds = Math.max(0.001, (input.now.getTime() - input.startedAt.getTime()) / 1000);
  const throughput = finished / seconds;
  const estimatedSecondsLeft =
    !listingDone || throughput === 0
      ? pending === 0 && listingDone
        ? 0
        : null
      : pending / throughput;
  return {
    throughputPerSecond: Math.round(throughput * 100) / 100,
    pending,
    estimatedSecondsLeft: estimatedSecondsLeft === null ? null : Math.ceil(estimatedSecondsLeft),
  };
}
