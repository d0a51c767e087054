import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { Topics } from '@subsync/domain';

export interface KafkaRoundTrip {
  requested: number;
  completed: number;
  /** From the first publish to the last matching `sync.completed.v1` read, in seconds. */
  seconds: number;
  perSecond: number;
  /** Completions by their `data.status`. */
  statuses: Record<string, number>;
  /** How long publishing all requests took, in seconds. */
  publishSeconds: number;
  timedOut: boolean;
}

/**
 * Talks to subsync over Kafka as an upstream system does: publishes `sync.requested.v1`
 * envelopes (CONTRACTS §4) and reads `sync.completed.v1`, matching each by correlation id.
 */
export class SyncBusClient {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'subsync-bench', brokers, logLevel: logLevel.NOTHING });
  }

  async roundTrip(refs: string[], timeoutMs: number, signal: AbortSignal): Promise<KafkaRoundTrip> {
    const pending = new Map<string, string>(refs.map((ref) => [randomUUID(), ref]));
    const statuses: Record<string, number> = {};
    let completed = 0;
    let lastAt = 0;
    let allDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allDone = resolve));

    this.consumer = this.kafka.consumer({ groupId: `subsync-bench.${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.syncCompleted, fromBeginning: false });
    const joined = new Promise<void>((resolve) => {
      this.consumer!.on(this.consumer!.events.GROUP_JOIN, () => resolve());
    });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const completion = parseCompletion(message.value);
        if (completion === null || !pending.has(completion.correlationId)) return;
        pending.delete(completion.correlationId);
        completed += 1;
        lastAt = Date.now();
        statuses[completion.status] = (statuses[completion.status] ?? 0) + 1;
        if (pending.size === 0) allDone();
        return Promise.resolve();
      },
    });
    await joined;
    // A new group starting "at the end" resolves that offset lazily; pin it to the end now,
    // before anything is published, so no completion of ours can fall before it.
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const { partition, offset } of await admin.fetchTopicOffsets(Topics.syncCompleted)) {
        this.consumer.seek({ topic: Topics.syncCompleted, partition, offset });
      }
    } finally {
      await admin.disconnect();
    }

    this.producer = this.kafka.producer();
    await this.producer.connect();
    const started = Date.now();
    const envelopes = [...pending].map(([correlationId, ref]) => envelope(correlationId, ref));
    for (let i = 0; i < envelopes.length; i += 500) {
      await this.producer.send({
        topic: Topics.syncRequested,
        messages: envelopes.slice(i, i + 500),
      });
    }
    const publishSeconds = (Date.now() - started) / 1000;

    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      done.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
        signal.addEventListener('abort', () => resolve(true), { once: true });
      }),
    ]);
    clearTimeout(timer);
    const seconds = ((completed > 0 ? lastAt : Date.now()) - started) / 1000;
    return {
      requested: refs.length,
      completed,
      seconds: Math.round(seconds * 100) / 100,
      perSecond: seconds > 0 ? Math.round((completed / seconds) * 10) / 10 : 0,
      statuses,
      publishSeconds: Math.round(publishSeconds * 100) / 100,
      timedOut,
    };
  }

  async close(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
  }
}

function envelope(correlationId: string, ref: string): { key: string; value: string } {
  const data = { provider: 'zuora', scope: 'subscription', ref, trigger: 'upstream' };
  return {
    key: `zuora:${ref}`,
    value: JSON.stringify({
      id: randomUUID(),
      type: 'sync.requested',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId,
      source: 'subsync-bench',
      data,
    }),
  };
}

function parseCompletion(value: Buffer | null): { correlationId: string; status: string } | null {
  if (value === null) return null;
  try {
    const parsed = JSON.parse(value.toString('utf8')) as {
      correlationId?: unknown;
      data?: { status?: unknown };
    };
    if (typeof parsed.correlationId !== 'string') return null;
    return {
      correlationId: parsed.correlationId,
      status: typeof parsed.data?.status === 'string' ? parsed.data.status : 'unknown',
    };
  } catch {
    return null;
  }
}
