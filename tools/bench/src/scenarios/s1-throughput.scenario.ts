import { SyncBusClient } from '../clients/sync-bus.client';
import { closedLoop } from '../load/http.load';
import {
  type BenchContext,
  drain,
  formatCpu,
  formatStatuses,
  requireGateway,
  type ScenarioOutcome,
  sleep,
  withCpu,
} from './bench.context';

const HTTP_CALLERS = 64;

/**
 * S1a: end-to-end syncs per second with an instant upstream, over HTTP: 64 callers in a closed
 * loop, each syncing a subscription nobody synced before (an import), synchronously.
 */
export async function runHttpThroughput(
  ctx: BenchContext,
  zuoraSyncProcesses: number,
): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  const { quick } = ctx.options;
  const warmupMs = quick ? 1_000 : 3_000;
  const durationMs = quick ? 5_000 : 20_000;
  await ctx.sandbox.configure({ latencyMs: 0, concurrencyLimit: 40 });
  const refs = await ctx.refs.take(quick ? 3_000 : 12_000);
  await ctx.sandbox.resetStats();
  const { value: load, cpu } = await withCpu(ctx.sampler, (window) =>
    closedLoop({
      concurrency: HTTP_CALLERS,
      warmupMs,
      durationMs,
      nextRef: refs.next,
      call: (ref) => gateway.syncZuoraSubscription(ref),
      signal: ctx.signal,
      window,
    }),
  );
  const sandbox = await ctx.sandbox.stats();
  await drain(ctx);
  const key = zuoraSyncProcesses === 1 ? 'S1a' : 'S1a2';
  return {
    key,
    title: `HTTP, ${HTTP_CALLERS} callers, instant upstream, ${zuoraSyncProcesses} zuora-sync process${zuoraSyncProcesses === 1 ? '' : 'es'}`,
    result: { zuoraSyncProcesses, callers: HTTP_CALLERS, ...load, sandbox, cpu },
    lines: [
      `${load.okPerSecond} syncs/s (${load.okInWindow} answered 200 in ${load.windowSeconds} s after ${warmupMs / 1000} s warm-up)`,
      `  latency of those: p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms`,
      `  answers: ${formatStatuses(load.statuses)}${load.refsExhausted ? ' (ran out of subscriptions!)' : ''}${load.firstError ? `; first error: ${load.firstError}` : ''}`,
      `  Zuora sandbox: ${sandbox.served} requests served, at most ${sandbox.maxInFlight} in flight`,
      `  ${formatCpu(cpu)}`,
    ],
  };
}

/** How many requests S1b and S1c publish. */
export function kafkaRoundTripSize(ctx: BenchContext): number {
  return ctx.options.quick ? 300 : 3_000;
}

/**
 * S1b: the same over Kafka, as an upstream system would: N `sync.requested.v1` published at
 * once, timed until N matching `sync.completed.v1` have been read. `refs` are subscriptions
 * the platform does not hold yet (imports); S1c passes ones it holds, after a bill run
 * (refreshes, the steady state: a callout after each renewal).
 */
export async function runKafkaThroughput(
  ctx: BenchContext,
  refs: { all: string[] },
  kind: { key: 'S1b' | 'S1c' | 'S1b2' | 'S1c2'; what: string; zuoraSyncProcesses: number },
): Promise<ScenarioOutcome> {
  const timeoutMs = ctx.options.quick ? 120_000 : 300_000;
  await ctx.sandbox.configure({ latencyMs: 0, concurrencyLimit: 40 });
  await ctx.sandbox.resetStats();
  const bus = new SyncBusClient(ctx.system.kafka.brokers);
  try {
    const { value: trip, cpu } = await withCpu(ctx.sampler, () =>
      bus.roundTrip(refs.all, timeoutMs, ctx.signal),
    );
    await drain(ctx);
    return {
      key: kind.key,
      title: `Kafka, sync.requested.v1 in, sync.completed.v1 out, instant upstream, ${kind.what}, ${kind.zuoraSyncProcesses} zuora-sync process${kind.zuoraSyncProcesses === 1 ? '' : 'es'}`,
      result: { ...trip, zuoraSyncProcesses: kind.zuoraSyncProcesses, cpu },
      lines: [
        `${trip.perSecond} syncs/s: ${trip.completed} of ${trip.requested} completed in ${trip.seconds} s${trip.timedOut ? ' (TIMED OUT)' : ''}`,
        `  published in ${trip.publishSeconds} s; completions: ${Object.entries(trip.statuses)
          .map(([status, n]) => `${status} × ${n}`)
          .join(', ')}`,
        `  ${formatCpu(cpu)}`,
      ],
    };
  } finally {
    await bus.close();
  }
}

/** What the running system costs with nothing to do: pollers, heartbeats, the broker. */
export async function runIdle(ctx: BenchContext): Promise<ScenarioOutcome> {
  const seconds = ctx.options.quick ? 3 : 10;
  const { cpu } = await withCpu(ctx.sampler, () => sleep(seconds * 1_000));
  return {
    key: 'S1idle',
    title: `Idle for ${seconds} s (gateway and one zuora-sync running, no requests)`,
    result: { seconds, cpu },
    lines: [formatCpu(cpu)],
  };
}
