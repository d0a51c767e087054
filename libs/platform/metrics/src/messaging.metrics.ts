import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.registry';
import { ScrapeSources } from './scrape-sources';

const registers = [metricsRegistry];

export interface ConsumerLagReading {
  topic: string;
  partition: number;
  /** Records on the partition that the group has not committed yet. */
  lag: number;
}

export const consumerLagSources = new ScrapeSources<ConsumerLagReading>();

const consumerLag: Gauge<'topic' | 'partition'> = new Gauge({
  name: 'subsync_consumer_lag',
  help: "Records not yet committed by this service's consumer group, per partition this process owns (high watermark minus committed offset, read at most every few seconds).",
  labelNames: ['topic', 'partition'] as const,
  registers,
  async collect() {
    consumerLag.reset();
    for (const { topic, partition, lag } of await consumerLagSources.read()) {
      consumerLag.set({ topic, partition: String(partition) }, lag);
    }
  },
});

export interface OutboxBacklogReading {
  /** Rows of this producer not yet published to Kafka. */
  backlog: number;
  /** Age of the oldest of them, in seconds; 0 when there is none. */
  oldestAgeSeconds: number;
}

export const outboxBacklogSources = new ScrapeSources<OutboxBacklogReading>();

const outboxBacklog: Gauge = new Gauge({
  name: 'subsync_outbox_backlog',
  help: 'Outbox rows of this service not yet published to Kafka.',
  registers,
});

const outboxOldestAge: Gauge = new Gauge({
  name: 'subsync_outbox_oldest_age_seconds',
  help: 'Age of the oldest outbox row of this service not yet published (0 when none waits).',
  registers,
  // One query serves both gauges: it is read here, and the backlog gauge is set with it.
  async collect() {
    outboxBacklog.reset();
    outboxOldestAge.reset();
    const [reading] = await outboxBacklogSources.read();
    if (reading === undefined) return;
    outboxBacklog.set(reading.backlog);
    outboxOldestAge.set(reading.oldestAgeSeconds);
  },
});

const deadLetters = new Counter({
  name: 'subsync_dead_letters_total',
  help: 'Messages this service sent to a dead-letter topic, by the topic they came from.',
  labelNames: ['topic'] as const,
  registers,
});

export const messagingMetrics = {
  deadLettered(topic: string): void {
    deadLetters.inc({ topic });
  },
};
