import type { HttpAnswer } from '../clients/gateway.client';
import { dueAtMs, dueCount } from '../measure/open-loop.pacer';
import { type LatencySummary, summarizeLatencies } from '../measure/percentile.stats';

export type Call = (ref: string) => Promise<HttpAnswer>;

interface Sample {
  /** When the request was sent (or, in an open loop, due), ms since the epoch. */
  start: number;
  end: number;
  status: number;
}

export interface LoadResult {
  /** The measured window (after the warm-up), in seconds. */
  windowSeconds: number;
  /** Requests sent in all (warm-up and drain included). */
  sent: number;
  /** 200 answers that arrived within the window. */
  okInWindow: number;
  /** okInWindow per second of the window. */
  okPerSecond: number;
  /** Latency of the 200s in the window, in ms. */
  latencyMs: LatencySummary;
  /** Every answer by status ("0" = no answer), warm-up and drain included. */
  statuses: Record<string, number>;
  /** The first error text of answers without a status, if any. */
  firstError?: string;
  /** True when the subscriptions ran out before the time did. */
  refsExhausted: boolean;
}

export interface ClosedLoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The next subscription to sync, or undefined when there are none left. */
  nextRef: () => string | undefined;
  call: Call;
  signal: AbortSignal;
  /** Told when the window starts and ends (to measure CPU over the same time). */
  window?: { start: () => void; end: () => void };
}

/**
 * `concurrency` callers that each send the next request as soon as their previous answer
 * arrives, for the warm-up and then the window; answers still outstanding at the end are
 * awaited (and counted by status) but not towards the window's throughput.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const started = Date.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  const samples: Sample[] = [];
  let firstError: string | undefined;
  let exhausted = false;
  const timers = [
    setTimeout(() => options.window?.start(), options.warmupMs),
    setTimeout(() => options.window?.end(), options.warmupMs + options.durationMs),
  ];
  const caller = async (): Promise<void> => {
    while (Date.now() < windowEnd && !options.signal.aborted) {
      const ref = options.nextRef();
      if (ref === undefined) {
        exhausted = true;
        return;
      }
      const start = Date.now();
      const answer = await options.call(ref);
      if (answer.status === 0) firstError ??= answer.error;
      samples.push({ start, end: Date.now(), status: answer.status });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  timers.forEach(clearTimeout);
  return summarize(samples, windowStart, windowEnd, firstError, exhausted);
}

export interface OpenLoopOptions {
  ratePerSecond: number;
  /**
   * Sent at the same rate before the window and not measured: the first seconds after a switch
   * of load measure the switch (JIT, pools, caches), not the rate.
   */
  warmupMs?: number;
  durationMs: number;
  nextRef: () => string | undefined;
  call: Call;
  signal: AbortSignal;
  /** Told when the window starts and ends (to measure CPU over the same time). */
  window?: { start: () => void; end: () => void };
}

/**
 * Sends at a fixed rate whatever the answers do; each latency is measured from when the request
 * was due, so a generator that falls behind cannot hide a slow system. The window holds the
 * requests due in it, however late their answers.
 */
export async function openLoop(
  options: OpenLoopOptions,
): Promise<LoadResult & { maxSendLagMs: number }> {
  const warmupMs = options.warmupMs ?? 0;
  const total = Math.round(((warmupMs + options.durationMs) * options.ratePerSecond) / 1000);
  const started = Date.now();
  const windowStart = started + warmupMs;
  const pending: Promise<void>[] = [];
  const samples: Sample[] = [];
  let firstError: string | undefined;
  let exhausted = false;
  let maxSendLagMs = 0;
  let sent = 0;
  const timers = [
    setTimeout(() => options.window?.start(), warmupMs),
    setTimeout(() => options.window?.end(), warmupMs + options.durationMs),
  ];
  while (sent < total && !options.signal.aborted) {
    const due = dueCount(Date.now() - started, options.ratePerSecond, total);
    for (; sent < due; sent += 1) {
      const ref = options.nextRef();
      if (ref === undefined) {
        exhausted = true;
        break;
      }
      const dueAt = started + dueAtMs(sent, options.ratePerSecond);
      maxSendLagMs = Math.max(maxSendLagMs, Date.now() - dueAt);
      pending.push(
        options.call(ref).then((answer) => {
          if (answer.status === 0) firstError ??= answer.error;
          samples.push({ start: dueAt, end: Date.now(), status: answer.status });
        }),
      );
    }
    if (exhausted) break;
    const nextDue = started + dueAtMs(sent, options.ratePerSecond);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - Date.now())));
  }
  await Promise.all(pending);
  timers.forEach(clearTimeout);
  const measured = samples.filter((sample) => sample.start >= windowStart);
  const result = summarize(measured, 0, Number.MAX_SAFE_INTEGER, firstError, exhausted);
  const windowSeconds = options.durationMs / 1000;
  return {
    ...result,
    // Every answer, warm-up included, counts by status, as in the closed loop.
    sent: samples.length,
    statuses: countStatuses(samples),
    windowSeconds,
    okPerSecond: round1(result.okInWindow / windowSeconds),
    maxSendLagMs: Math.round(maxSendLagMs),
  };
}

/** `count` requests for the same subscription at once; the answers in the order sent. */
export async function burst(
  count: number,
  ref: string,
  call: Call,
): Promise<{ answers: HttpAnswer[]; ms: number }> {
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: count }, () => call(ref)));
  return { answers, ms: Date.now() - started };
}

function summarize(
  samples: Sample[],
  windowStart: number,
  windowEnd: number,
  firstError: string | undefined,
  refsExhausted: boolean,
): LoadResult {
  const statuses = countStatuses(samples);
  const inWindow = samples.filter(
    (s) => s.status === 200 && s.end >= windowStart && s.end <= windowEnd,
  );
  const windowSeconds = Math.max(0.001, (windowEnd - windowStart) / 1000);
  return {
    windowSeconds,
    sent: samples.length,
    okInWindow: inWindow.length,
    okPerSecond: round1(inWindow.length / windowSeconds),
    latencyMs: summarizeLatencies(inWindow.map((s) => s.end - s.start)),
    statuses,
    ...(firstError === undefined ? {} : { firstError }),
    refsExhausted,
  };
}

function countStatuses(samples: readonly Sample[]): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const sample of samples)
    statuses[String(sample.status)] = (statuses[String(sample.status)] ?? 0) + 1;
  return statuses;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
