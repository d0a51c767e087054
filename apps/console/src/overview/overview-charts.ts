// What each overview chart draws, and the words beside it: pure, so the unit project tests it.
import type { Overview } from '../api/api-types';

export type Tone = 'good' | 'bad' | 'neutral' | 'info' | 'warn' | 'accent';

export interface ChartLine {
  label: string;
  tone: Tone;
  values: (number | null)[];
  /** The figure the legend shows for this line: a total over the range, or the latest value. */
  figure: string;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What the y axis counts. */
  unit: string;
  lines: ChartLine[];
}

/** The ranges the page offers, in minutes. */
export const RANGES = [15, 60, 360, 1440] as const;
export const DEFAULT_RANGE = 60;

export function rangeLabel(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${minutes / 60} h`;
}

/** The last value a gauge reported in the range, or null. */
export function latest(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i -= 1) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

function count(value: number): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: 0 });
}

function now(values: readonly (number | null)[], unit = ''): string {
  const value = latest(values);
  return value === null ? 'none reported' : `now ${count(value)}${unit}`;
}

function slowest(values: readonly (number | null)[]): string {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? 'no calls' : `at most ${count(Math.max(...known))} ms`;
}

/** The six charts of the overview, in reading order. */
export function overviewCharts(overview: Overview): ChartSpec[] {
  const { totals, syncsPerMinute, upstream } = overview;
  const total = (value: number) => `${count(value)} in range`;
  return [
    {
      id: 'syncs',
      title: 'Syncs per minute',
      unit: 'syncs/min',
      lines: [
        {
          label: 'Succeeded',
          tone: 'good',
          values: syncsPerMinute.succeeded,
          figure: total(totals.succeeded),
        },
        {
          label: 'Failed',
          tone: 'bad',
          values: syncsPerMinute.failed,
          figure: total(totals.failed),
        },
        {
          label: 'Skipped',
          tone: 'neutral',
          values: syncsPerMinute.skipped,
          figure: total(totals.skipped),
        },
      ],
    },
    {
      id: 'failures',
      title: 'Failures per minute',
      unit: 'per min',
      lines: [
        {
          label: 'Failed syncs',
          tone: 'bad',
          values: syncsPerMinute.failed,
          figure: total(totals.failed),
        },
        {
          label: 'Dead letters',
          tone: 'warn',
          values: overview.deadLettersPerMinute,
          figure: total(totals.deadLetters),
        },
      ],
    },
    {
      id: 'coalesced',
      title: 'Coalesced requests per minute',
      unit: 'requests/min',
      lines: [
        {
          label: 'Answered by another sync',
          tone: 'info',
          values: overview.coalescedPerMinute,
          figure: total(totals.coalesced),
        },
      ],
    },
    {
      id: 'upstream-latency',
      title: 'Upstream latency',
      unit: 'ms',
      lines: [
        { label: 'p95', tone: 'accent', values: upstream.p95Ms, figure: slowest(upstream.p95Ms) },
        { label: 'Mean', tone: 'info', values: upstream.meanMs, figure: slowest(upstream.meanMs) },
      ],
    },
    {
      id: 'upstream-calls',
      title: 'Upstream calls and 429s per minute',
      unit: 'calls/min',
      lines: [
        {
          label: 'Calls',
          tone: 'info',
          values: upstream.requestsPerMinute,
          figure: total(totals.upstreamRequests),
        },
        {
          label: '429 Too Many Requests',
          tone: 'bad',
          values: upstream.rateLimitedPerMinute,
          figure: total(totals.rateLimited),
        },
      ],
    },
    {
      id: 'backlog',
      title: 'Consumer lag and outbox backlog',
      unit: 'records',
      lines: [
        {
          label: 'Consumer lag',
          tone: 'accent',
          values: overview.consumerLag,
          figure: now(overview.consumerLag),
        },
        {
          label: 'Outbox backlog',
          tone: 'warn',
          values: overview.outboxBacklog,
          figure: now(overview.outboxBacklog),
        },
      ],
    },
  ];
}
