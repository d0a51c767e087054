import { openLoop } from '../load/http.load';
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

const RATE_PER_SECOND = 50;

/** S2: latency of synchronous syncs at a steady 50 requests/s (an open loop), instant upstream. */
export async function runLatency(ctx: BenchContext): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  const warmupMs = ctx.options.quick ? 1_000 : 5_000;
  const durationMs = ctx.options.quick ? 5_000 : 20_000;
  await ctx.sandbox.configure({ latencyMs: 0, concurrencyLimit: 40 });
  const refs = await ctx.refs.take((RATE_PER_SECOND * (warmupMs + durationMs)) / 1000 + 10);
  const { value: load, cpu } = await withCpu(ctx.sampler, (window) =>
    openLoop({
      ratePerSecond: RATE_PER_SECOND,
      warmupMs,
      durationMs,
      window,
      nextRef: refs.next,
      call: (ref) => gateway.syncZuoraSubscription(ref),
      signal: ctx.signal,
    }),
  );
  await drain(ctx);
  const failures = Object.values(nonOk(load.statuses)).reduce((sum, n) => sum + n, 0);
  return {
    key: 'S2',
    title: `Latency at ${RATE_PER_SECOND} requests/s (open loop, instant upstream)`,
    result: { ratePerSecond: RATE_PER_SECOND, ...load, non200: failures, cpu },
    lines: [
      `p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms over the ${load.latencyMs.count} requests due in ${load.windowSeconds} s after ${warmupMs / 1000} s warm-up`,
      `  non-200 answers: ${failures}${failures > 0 ? ` (${formatStatuses(nonOk(load.statuses))})` : ''}; generator lag at most ${load.maxSendLagMs} ms (latency counts from when each request was due)`,
      `  ${formatCpu(cpu)}`,
    ],
  };
}
