import { closedLoop, round1 } from '../load/http.load';
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

/** The slow, limited tenant of S3 and S7: 200 ms a request, 40 in flight. */
export const LATENCY_MS = 200;
export const CONCURRENCY_LIMIT = 40;
/** A subscription sync asks Zuora for the subscription and then its account. */
export const ZUORA_CALLS_PER_SYNC = 2;
const CALLERS = 200;

/**
 * S3 (and S3b with two zuora-sync processes): a slow, limited tenant, 200 ms per request and
 * 40 in flight, so at most 40 / 0.2 s = 200 Zuora requests/s, i.e. 100 syncs/s. 200 callers in
 * a closed loop on distinct subscriptions.
 */
export async function runSlowUpstream(
  ctx: BenchContext,
  zuoraSyncProcesses: number,
): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  const { quick } = ctx.options;
  const warmupMs = quick ? 1_000 : 3_000;
  const durationMs = quick ? 8_000 : 30_000;
  const capSyncsPerSecond = CONCURRENCY_LIMIT / (LATENCY_MS / 1000) / ZUORA_CALLS_PER_SYNC;
  const refs = await ctx.refs.take(quick ? 1_500 : 6_000);
  await ctx.sandbox.configure({ latencyMs: LATENCY_MS, concurrencyLimit: CONCURRENCY_LIMIT });
  await ctx.sandbox.resetStats();
  try {
    const { value: load, cpu } = await withCpu(ctx.sampler, (window) =>
      closedLoop({
        concurrency: CALLERS,
        warmupMs,
        durationMs,
        nextRef: refs.next,
        call: (ref) => gateway.syncZuoraSubscription(ref),
        signal: ctx.signal,
        window,
      }),
    );
    const sandbox = await ctx.sandbox.stats();
    const share = round1((load.okPerSecond / capSyncsPerSecond) * 100);
    return {
      key: zuoraSyncProcesses === 1 ? 'S3' : 'S3b',
      title: `Slow, limited upstream (${LATENCY_MS} ms, ${CONCURRENCY_LIMIT} in flight), ${CALLERS} callers, ${zuoraSyncProcesses} zuora-sync process${zuoraSyncProcesses === 1 ? '' : 'es'}`,
      result: {
        zuoraSyncProcesses,
        upstreamLatencyMs: LATENCY_MS,
        concurrencyLimit: CONCURRENCY_LIMIT,
        capSyncsPerSecond,
        shareOfCapPercent: share,
        ...load,
        non200: nonOk(load.statuses),
        sandbox,
        cpu,
      },
      lines: [
        `${load.okPerSecond} syncs/s = ${share} % of the cap of ${capSyncsPerSecond} syncs/s (${CONCURRENCY_LIMIT} / ${LATENCY_MS / 1000} s / ${ZUORA_CALLS_PER_SYNC} calls)`,
        `  latency of the 200s: p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms`,
        `  answers: ${formatStatuses(load.statuses)}${load.refsExhausted ? ' (ran out of subscriptions!)' : ''}${load.firstError ? `; first error: ${load.firstError}` : ''}`,
        `  Zuora sandbox: max in flight ${sandbox.maxInFlight} of ${CONCURRENCY_LIMIT}, 429s: ${sandbox.rejectedConcurrency} for concurrency, ${sandbox.rejectedRate} for rate; ${sandbox.served} served`,
        `  ${formatCpu(cpu)}`,
      ],
    };
  } finally {
    // Whatever is still queued drains at full speed, so the next scenario starts clean.
    await ctx.sandbox.configure({ latencyMs: 0 });
    await drain(ctx);
  }
}
