import { type Call, openLoop } from '../load/http.load';
import {
  type BenchContext,
  drain,
  formatCpu,
  formatStatuses,
  nonOk,
  requireGateway,
  type ScenarioOutcome,
  withCpu,
} from './bench.context';

/** The rate of S2 and of its floor, S2f. */
export const LATENCY_RATE_PER_SECOND = 50;

/** S2: latency of synchronous syncs at a steady 50 requests/s (an open loop), instant upstream. */
export async function runLatency(ctx: BenchContext): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  await ctx.sandbox.configure({ latencyMs: 0, concurrencyLimit: 40 });
  const { warmupMs, durationMs } = latencyWindow(ctx);
  const refs = await ctx.refs.take((LATENCY_RATE_PER_SECOND * (warmupMs + durationMs)) / 1000 + 10);
  const measured = await measureLatency(ctx, refs.next, (ref) =>
    gateway.syncZuoraSubscription(ref),
  );
  await drain(ctx);
  return {
    key: 'S2',
    title: `Latency at ${LATENCY_RATE_PER_SECOND} requests/s (open loop, instant upstream)`,
    ...measured,
  };
}

function latencyWindow(ctx: BenchContext): { warmupMs: number; durationMs: number } {
  return ctx.options.quick
    ? { warmupMs: 1_000, durationMs: 5_000 }
    : { warmupMs: 5_000, durationMs: 20_000 };
}

/** The open loop of S2 (and of its floor, S2f) through `call`: its figures and report lines. */
export async function measureLatency(
  ctx: BenchContext,
  nextRef: () => string | undefined,
  call: Call,
): Promise<Pick<ScenarioOutcome, 'result' | 'lines'>> {
  const { warmupMs, durationMs } = latencyWindow(ctx);
  const { value: load, cpu } = await withCpu(ctx.sampler, (window) =>
    openLoop({
      ratePerSecond: LATENCY_RATE_PER_SECOND,
      warmupMs,
      durationMs,
      window,
      nextRef,
      call,
      signal: ctx.signal,
    }),
  );
  const failures = Object.values(nonOk(load.statuses)).reduce((sum, n) => sum + n, 0);
  return {
    result: { ratePerSecond: LATENCY_RATE_PER_SECOND, ...load, non200: failures, cpu },
    lines: [
      `p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms over the ${load.latencyMs.count} requests due in ${load.windowSeconds} s after ${warmupMs / 1000} s warm-up`,
      `  non-200 answers: ${failures}${failures > 0 ? ` (${formatStatuses(nonOk(load.statuses))})` : ''}; generator lag at most ${load.maxSendLagMs} ms (latency counts from when each request was due)`,
      `  ${formatCpu(cpu)}`,
    ],
  };
}
