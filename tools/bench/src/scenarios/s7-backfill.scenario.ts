import { ZUORA_SANDBOX_DEMO } from '@subsync/zuora-sandbox';
import { closedLoop, type LoadResult, round1 } from '../load/http.load';
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
import { CONCURRENCY_LIMIT, LATENCY_MS, ZUORA_CALLS_PER_SYNC } from './s3-slow-upstream.scenario';

/** Operators syncing by hand while the backfill runs: callers that each wait for their answer. */
const LIVE_CALLERS = 2;
/** What the live callers sync, in turn: the demo subscriptions, which the backfill imports too. */
const LIVE_REFS = Object.values(ZUORA_SANDBOX_DEMO.subscriptions);

interface BackfillJobView {
  id: string;
  status: string;
  listingDone: boolean;
  counts: { listed: number; queued: number; succeeded: number; failed: number; skipped: number };
  error: string | null;
}

/**
 * S7: a backfill of a whole tenant (10,000 subscriptions, 1,000 with --quick) from the slow,
 * limited Zuora of S3 (200 ms a request, 40 in flight: at most 100 syncs/s, so 100 s for
 * 10,000), on a database of its own. Live syncs by two callers run before the backfill (the
 * baseline) and all through it; their latency says whether the backfill starves them.
 */
export async function runBackfill(ctx: BenchContext): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  const size = ctx.options.quick ? 1_000 : 10_000;
  const baselineMs = ctx.options.quick ? 5_000 : 15_000;
  // The tenant holds the demo data and these subscriptions only, whatever ran before.
  await ctx.sandbox.reset('demo');
  await ctx.sandbox.bulkSeed(size, 1);
  const capSyncsPerSecond = CONCURRENCY_LIMIT / (LATENCY_MS / 1000) / ZUORA_CALLS_PER_SYNC;
  await ctx.sandbox.configure({ latencyMs: LATENCY_MS, concurrencyLimit: CONCURRENCY_LIMIT });
  const live = (signal: AbortSignal, durationMs: number) => {
    let turn = 0;
    return closedLoop({
      concurrency: LIVE_CALLERS,
      warmupMs: 0,
      durationMs,
      nextRef: () => LIVE_REFS[turn++ % LIVE_REFS.length],
      call: (ref) => gateway.syncZuoraSubscription(ref),
      signal,
    });
  };
  try {
    const baseline = await live(ctx.signal, baselineMs);
    await ctx.sandbox.resetStats();
    const during = new AbortController();
    const stopLive = () => during.abort();
    ctx.signal.addEventListener('abort', stopLive);
    const { value, cpu } = await withCpu(ctx.sampler, async () => {
      const started = Date.now();
      const answer = await gateway.post('/api/backfills', { provider: 'zuora', filter: {} });
      if (answer.status !== 202) {
        throw new Error(
          `POST /api/backfills answered ${answer.status}: ${JSON.stringify(answer.body)}`,
        );
      }
      const { id } = answer.body as BackfillJobView;
      const liveDuring = live(during.signal, 60 * 60_000);
      let job: BackfillJobView;
      try {
        job = await untilFinished(ctx, id);
      } finally {
        during.abort();
      }
      const seconds = (Date.now() - started) / 1000;
      return { job, seconds, liveDuring: await liveDuring };
    });
    ctx.signal.removeEventListener('abort', stopLive);
    const sandbox = await ctx.sandbox.stats();
    const { job, seconds, liveDuring } = value;
    const tenantSize = job.counts.listed;
    const syncsPerSecond = round1(tenantSize / seconds);
    // The time it took against the least the tenant's limit allows.
    const minimumSeconds = round1(tenantSize / capSyncsPerSecond);
    const share = round1((minimumSeconds / seconds) * 100);
    return {
      key: 'S7',
      title: `Backfill of a tenant of ${size.toLocaleString('en')} bulk and the demo Zuora subscriptions (${LATENCY_MS} ms, ${CONCURRENCY_LIMIT} in flight), with ${LIVE_CALLERS} live callers, one zuora-sync`,
      result: {
        tenantSize,
        upstreamLatencyMs: LATENCY_MS,
        concurrencyLimit: CONCURRENCY_LIMIT,
        capSyncsPerSecond,
        minimumSeconds,
        seconds: round1(seconds),
        job: { status: job.status, counts: job.counts, error: job.error },
        syncsPerSecond,
        shareOfCapPercent: share,
        liveBaselineMs: baseline.latencyMs,
        liveDuringMs: liveDuring.latencyMs,
        liveBaselineStatuses: baseline.statuses,
        liveDuringStatuses: liveDuring.statuses,
        sandbox,
        cpu,
      },
      lines: [
        `${job.status}: listed ${job.counts.listed}, succeeded ${job.counts.succeeded}, failed ${job.counts.failed}, skipped ${job.counts.skipped} in ${round1(seconds)} s`,
        `  = ${syncsPerSecond} syncs/s: ${share} % of the cap of ${capSyncsPerSecond} syncs/s (${tenantSize} take at least ${minimumSeconds} s)`,
        `  live syncs before: ${formatLive(baseline)}`,
        `  live syncs during: ${formatLive(liveDuring)}`,
        `  Zuora sandbox: max in flight ${sandbox.maxInFlight} of ${CONCURRENCY_LIMIT}, 429s: ${sandbox.rejectedConcurrency} for concurrency, ${sandbox.rejectedRate} for rate; ${sandbox.served} served`,
        `  ${formatCpu(cpu)}`,
      ],
    };
  } finally {
    await ctx.sandbox.configure({ latencyMs: 0 });
    await drain(ctx);
  }
}

/** Polls the job once a second until it completes, fails or is cancelled. */
async function untilFinished(ctx: BenchContext, id: string): Promise<BackfillJobView> {
  const gateway = requireGateway(ctx);
  let lastSaid = 0;
  while (!ctx.signal.aborted) {
    const answer = await gateway.get(`/api/backfills/${id}`);
    if (answer.status !== 200)
      throw new Error(`GET /api/backfills/${id} answered ${answer.status}`);
    const job = answer.body as BackfillJobView;
    if (job.status !== 'running') return job;
    if (Date.now() - lastSaid > 10_000) {
      lastSaid = Date.now();
      ctx.say(`  backfill: listed ${job.counts.listed}, succeeded ${job.counts.succeeded}`);
    }
    await sleep(1_000);
  }
  throw new Error('interrupted');
}

function formatLive(load: LoadResult): string {
  const { p50, p95, max, count } = load.latencyMs;
  return `${count} answered 200, p50 ${p50} ms, p95 ${p95} ms, max ${max} ms (${formatStatuses(load.statuses)})`;
}
