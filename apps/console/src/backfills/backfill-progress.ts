// Pure helpers for a backfill's progress: no DOM, so the Jest unit project can test them.
import type { BackfillJob, BackfillStatus } from '../api/api-types';

export interface ProgressFigures {
  /** Syncs finished (succeeded, failed or skipped). */
  done: number;
  /** What `done` counts towards: the syncs queued so far. */
  total: number;
  /** 0 to 1; a completed job is whole even if it found nothing to sync. */
  fraction: number;
  /** While listing goes on, the total still grows: the bar is a lower bound. */
  totalKnown: boolean;
}

/** How far a job is: its finished syncs out of those queued. */
export function progressOf(
  job: Pick<BackfillJob, 'status' | 'listingDone' | 'counts' | 'pending'>,
): ProgressFigures {
  const total = job.counts.queued;
  const done = Math.max(0, total - job.pending);
  const fraction = total === 0 ? (job.status === 'completed' ? 1 : 0) : Math.min(1, done / total);
  return { done, total, fraction, totalKnown: job.listingDone };
}

/** `42%`, rounded down so a bar short of the end never reads 100%. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** `45 s`, `3 min 20 s`, `2 h 5 min`; `—` when unknown, `done` at zero. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.ceil(seconds);
  if (whole === 0) return 'done';
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) {
    const rest = whole % 60;
    return rest === 0 ? `${whole / 60} min` : `${Math.floor(whole / 60)} min ${rest} s`;
  }
  const minutes = Math.round((whole % 3600) / 60);
  const hours = Math.floor(whole / 3600) + (minutes === 60 ? 1 : 0);
  const shownMinutes = minutes === 60 ? 0 : minutes;
  return shownMinutes === 0 ? `${hours} h` : `${hours} h ${shownMinutes} min`;
}

/** Time left in words: `done` once completed, `—` when the gateway cannot tell. */
export function timeLeftOf(job: Pick<BackfillJob, 'status' | 'estimatedSecondsLeft'>): string {
  return formatTimeLeft(job.status === 'completed' ? 0 : job.estimatedSecondsLeft);
}

/** `12.5 /s`, `0.3 /s`, `1,200 /s`. */
export function formatThroughput(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  const digits = perSecond < 10 ? 1 : 0;
  return `${perSecond.toLocaleString('en', { maximumFractionDigits: digits })} /s`;
}

/** The filter as a line: `every subscription`, `updatedSince 2026-01-01, accounts A1, A2`. */
export function describeFilter(filter: Record<string, unknown>): string {
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return parts.length === 0 ? 'every subscription' : parts.join('; ');
}

/** Whether the job may still change, so the page should keep asking. */
export function isLive(job: Pick<BackfillJob, 'status' | 'pending'>): boolean {
  return job.status === 'running' || job.pending > 0;
}

/** The operator actions a job's state allows (mirrors the gateway's rules; it still decides). */
export function actionsFor(status: BackfillStatus): BackfillActionName[] {
  if (status === 'running') return ['pause', 'cancel'];
  if (status === 'paused') return ['resume', 'cancel'];
  return [];
}

export type BackfillActionName = 'pause' | 'resume' | 'cancel';
