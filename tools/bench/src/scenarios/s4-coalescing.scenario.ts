import { burst } from '../load/http.load';
import {
  type BenchContext,
  drain,
  formatStatuses,
  requireGateway,
  type ScenarioOutcome,
} from './bench.context';

const REQUESTS = 100;

/** As in S3: Zuora answers in hundreds of milliseconds, so requests pile up behind a sync. */
const LATENCY_MS = 200;

/**
 * S4: 100 synchronous requests at once for one subscription (never synced before), with Zuora
 * answering after 200 ms: how many times does subsync ask Zuora for it, and do all callers get
 * the same platform id?
 */
export async function runCoalescing(ctx: BenchContext): Promise<ScenarioOutcome> {
  const gateway = requireGateway(ctx);
  await ctx.sandbox.configure({ latencyMs: LATENCY_MS, concurrencyLimit: 40 });
  const [ref] = (await ctx.refs.take(1)).all as [string];
  await ctx.sandbox.clearRequests();
  const { answers, ms } = await burst(REQUESTS, ref, (r) => gateway.syncZuoraSubscription(r));
  await drain(ctx);
  await ctx.sandbox.configure({ latencyMs: 0 });
  const gets = (await ctx.sandbox.requests(`/v1/subscriptions/${ref}`)).filter(
    (request) => request.method === 'GET',
  );
  const accountGets = (await ctx.sandbox.requests('/v1/accounts/')).filter(
    (request) => request.method === 'GET',
  );
  const statuses: Record<string, number> = {};
  for (const answer of answers)
    statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
  const ids = new Set(
    answers
      .map((answer) => (answer.body as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string'),
  );
  const sameId = ids.size === 1 && answers.every((a) => a.status === 200);
  return {
    key: 'S4',
    title: `${REQUESTS} concurrent synchronous requests for one subscription (Zuora answers after ${LATENCY_MS} ms)`,
    result: {
      requests: REQUESTS,
      subscription: ref,
      zuoraSubscriptionGets: gets.length,
      zuoraAccountGets: accountGets.length,
      statuses,
      distinctIds: ids.size,
      allSameId: sameId,
      seconds: ms / 1000,
    },
    lines: [
      `Zuora saw ${gets.length} GET /v1/subscriptions/${ref} (and ${accountGets.length} account GETs) for ${REQUESTS} requests, answered in ${(ms / 1000).toFixed(1)} s`,
      `  answers: ${formatStatuses(statuses)}; ${ids.size} distinct id${ids.size === 1 ? '' : 's'} → ${sameId ? 'all 100 carry the same id' : 'NOT all the same id'}`,
    ],
  };
}
