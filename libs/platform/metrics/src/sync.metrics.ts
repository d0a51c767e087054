import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics.registry';

const registers = [metricsRegistry];

const syncs = new Counter({
  name: 'subsync_syncs_total',
  help: 'Sync requests answered, by provider, trigger and outcome (a coalesced request counts too, with the outcome of the sync that served it).',
  labelNames: ['provider', 'trigger', 'outcome'] as const,
  registers,
});

const duration = new Histogram({
  name: 'subsync_sync_duration_seconds',
  help: 'Time from a sync starting (its requests taken from Kafka) to its outcome committed, upstream calls and retries included.',
  labelNames: ['provider', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
  registers,
});

const inFlight = new Gauge({
  name: 'subsync_syncs_in_flight',
  help: 'Syncs under way in this process (fetching upstream or waiting to be written).',
  labelNames: ['provider'] as const,
  registers,
});

const coalesced = new Counter({
  name: 'subsync_sync_requests_coalesced_total',
  help: 'Sync requests answered by a sync that another request started (no upstream calls of their own).',
  labelNames: ['provider'] as const,
  registers,
});

export type SyncOutcomeLabel = 'succeeded' | 'failed' | 'skipped';

/** One sync, as the numbers see it; the counters move only on its committed outcome. */
export interface SyncAnswered {
  provider: string;
  outcome: SyncOutcomeLabel;
  /** The trigger of every request the sync answered, its own first. */
  triggers: readonly string[];
  seconds: number;
}

export const syncMetrics = {
  /** A sync begins; call the returned function when it ends, however it ends. */
  started(provider: string): () => void {
    inFlight.inc({ provider });
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      inFlight.dec({ provider });
    };
  },

  answered({ provider, outcome, triggers, seconds }: SyncAnswered): void {
    for (const trigger of triggers) syncs.inc({ provider, trigger, outcome });
    if (triggers.length > 1) coalesced.inc({ provider }, triggers.length - 1);
    duration.observe({ provider, outcome }, seconds);
  },
};
