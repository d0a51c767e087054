import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics.registry';
import { ScrapeSources } from './scrape-sources';

const registers = [metricsRegistry];

const requestDuration = new Histogram({
  name: 'subsync_upstream_request_duration_seconds',
  help: 'One HTTP exchange with an upstream (each attempt apart), by endpoint template and status code (timeout and network_error when no answer came).',
  labelNames: ['provider', 'endpoint', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

const retries = new Counter({
  name: 'subsync_upstream_retries_total',
  help: 'Upstream calls attempted again after a retryable failure (429, 5xx, timeout, network).',
  labelNames: ['provider', 'endpoint'] as const,
  registers,
});

const rateLimited = new Counter({
  name: 'subsync_upstream_rate_limited_total',
  help: 'Upstream answers 429 Too Many Requests.',
  labelNames: ['provider', 'endpoint'] as const,
  registers,
});

/** What one shared upstream budget looks like from this process, read when scraped. */
export interface UpstreamBudgetReading {
  provider: string;
  /** `v1` or `object-query` (Zuora's concurrency limits), `rate` (Stripe's requests a second). */
  budget: string;
  /** Slots in use now; absent for a rate. */
  inUse?: number;
  /** This process's share: slots, or requests a second. */
  granted: number;
  /** The limit in force for every process together (below the configured one after 429s). */
  limit: number;
  /** Calls waiting for a slot or a token. */
  waiting: number;
}

export const upstreamBudgetSources = new ScrapeSources<UpstreamBudgetReading>();

function budgetGauge(
  name: string,
  help: string,
  value: (reading: UpstreamBudgetReading) => number | undefined,
): Gauge<'provider' | 'budget'> {
  const gauge: Gauge<'provider' | 'budget'> = new Gauge({
    name,
    help,
    labelNames: ['provider', 'budget'] as const,
    registers,
    async collect() {
      gauge.reset();
      for (const reading of await upstreamBudgetSources.read()) {
        const measured = value(reading);
        if (measured !== undefined) {
          gauge.set({ provider: reading.provider, budget: reading.budget }, measured);
        }
      }
    },
  });
  return gauge;
}

budgetGauge(
  'subsync_upstream_budget_in_use',
  'Concurrency slots of the shared upstream budget this process uses now.',
  (reading) => reading.inUse,
);
budgetGauge(
  'subsync_upstream_budget_granted',
  "This process's share of the shared upstream budget (slots, or requests a second).",
  (reading) => reading.granted,
);
budgetGauge(
  'subsync_upstream_budget_limit',
  'The limit in force for every process sharing the budget (lowered after 429s, then grows back).',
  (reading) => reading.limit,
);
budgetGauge(
  'subsync_upstream_budget_waiting',
  'Upstream calls of this process waiting for a slot or a token.',
  (reading) => reading.waiting,
);

/** What an upstream client reports of its calls; the clients know nothing of Prometheus. */
export interface UpstreamCallObserver {
  /**
   * One HTTP exchange ended. `endpoint` is a template (`GET /v1/subscriptions/{key}`), never a
   * concrete path; `status` the answer's code, or `timeout` / `network_error`.
   */
  exchanged(endpoint: string, status: string, seconds: number): void;
  /** A call is attempted again after a retryable failure. */
  retried(endpoint: string): void;
}

/** The observer that records a provider's calls in this process's metrics. */
export function upstreamCallObserver(provider: string): UpstreamCallObserver {
  return {
    exchanged(endpoint, status, seconds) {
      requestDuration.observe({ provider, endpoint, status }, seconds);
      if (status === '429') rateLimited.inc({ provider, endpoint });
    },
    retried(endpoint) {
      retries.inc({ provider, endpoint });
    },
  };
}
