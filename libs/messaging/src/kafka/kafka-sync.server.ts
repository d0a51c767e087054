import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { backOff } from 'exponential-backoff';
import {
  type Consumer,
  type EachMessagePayload,
  type Kafka,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { parseMessage, type Topic } from '@subsync/domain';
import { classifyFailure, describeError, PermanentMessageError } from '../errors/message-errors';
import { deadLetterRecord, headersToStrings } from './dead-letter';
import { KafkaMessageContext } from './kafka-message.context';
import { ensureTopics } from './topic-provisioner';

export interface KafkaSyncServerOptions {
  kafka: Kafka;
  groupId: string;
  sessionTimeoutMs: number;
  /** How many partitions are processed at once; order within a partition is kept. */
  partitionsConsumedConcurrently?: number;
  /** Attempts for a failure that is neither permanent nor an outage, before it is dead-lettered. */
  maxAttempts?: number;
  initialRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How long shutdown waits for messages in flight. */
  shutdownTimeoutMs?: number;
  /**
   * Where a group with no committed offset starts. Service groups start at the beginning so
   * nothing published before their first start is missed; per-instance listeners start at the end.
   */
  fromBeginning?: boolean;
}

type Outcome =
  | { kind: 'done' }
  | { kind: 'dead-letter'; error: unknown; attempts: number }
  | { kind: 'aborted' };

/**
 * Runs `@EventPattern` handlers over kafkajs with the delivery rules a sync engine needs:
 * - every message is validated against its topic's contract before a handler sees it;
 * - the offset is committed only after the handler returned, i.e. after its database
 *   transaction committed (handlers dedupe redeliveries through the inbox);
 * - failures are retried in process with backoff, heartbeating meanwhile; an outage of
 *   PostgreSQL or the network is retried until it ends, never dropped;
 * - a message that can never succeed goes to `<topic>.dlt` with provenance headers, and the
 *   partition moves on;
 * - shutdown stops fetching, lets messages in flight finish, then leaves the group.
 * Nest's Kafka request/reply is deliberately not supported.
 */
export class KafkaSyncServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaSyncServer.name);
  private consumer?: Consumer;
  private producer?: Producer;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: KafkaSyncServerOptions) {
    super();
  }

  override on(): never {
    throw new Error('KafkaSyncServer does not emit transport events');
  }

  override unwrap<T>(): T {
    if (this.consumer === undefined) throw new Error('KafkaSyncServer is not listening');
    return this.consumer as T;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const { kafka, groupId, sessionTimeoutMs } = this.options;
    const topics = [...this.messageHandlers.keys()];
    await ensureTopics(kafka, topics);
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.floor(sessionTimeoutMs / 4),
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
    await this.consumer.connect();
    for (const topic of topics) {
      await this.consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
    }
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.track(this.handleMessage(payload)),
    });
    this.logger.log(`consuming ${topics.join(', ')} as group ${groupId}`);
  }

  async close(): Promise<void> {
    if (!this.running && this.consumer === undefined) return;
    this.running = false;
    const deadline = this.options.shutdownTimeoutMs ?? 30_000;
    await Promise.race([Promise.allSettled([...this.inFlight]), sleep(deadline)]);
    await this.consumer
      ?.disconnect()
      .catch((e: unknown) => this.logger.warn(`consumer disconnect: ${String(e)}`));
    await this.producer
      ?.disconnect()
      .catch((e: unknown) => this.logger.warn(`producer disconnect: ${String(e)}`));
    this.consumer = undefined;
    this.producer = undefined;
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    const heartbeat = () => payload.heartbeat();
    if (!this.running) return; // shutting down: leave it uncommitted, it is redelivered
    const raw = message.value?.toString('utf8') ?? null;
    const parsed = parseMessage(topic as Topic, raw);
    let outcome: Outcome;
    if (!parsed.ok) {
      outcome = {
        kind: 'dead-letter',
        error: new PermanentMessageError(parsed.error),
        attempts: 1,
      };
    } else {
      const handler = this.getHandlerByPattern(topic);
      if (handler === null) {
        outcome = {
          kind: 'dead-letter',
          error: new PermanentMessageError(`no handler for ${topic}`),
          attempts: 1,
        };
      } else {
        const context = new KafkaMessageContext({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          headers: headersToStrings(message.headers),
          heartbeat,
        });
        outcome = await this.invokeWithRetry(
          async () => {
            const result: unknown = await handler(parsed.value, context);
            if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          },
          heartbeat,
          `${topic}[${partition}]@${message.offset}`,
        );
      }
    }
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'dead-letter') {
      const sent = await this.deadLetter(
        topic,
        partition,
        message,
        outcome.error,
        outcome.attempts,
      );
      if (!sent) return;
    }
    await this.commit(topic, partition, message.offset);
  }

  private async invokeWithRetry(
    work: () => Promise<void>,
    heartbeat: () => Promise<void>,
    where: string,
  ): Promise<Outcome> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let attempts = 0;
    let lastError: unknown;
    // Heartbeat in the background too, so a slow handler does not get the consumer evicted.
    const ticker = setInterval(
      () => void heartbeat().catch(() => undefined),
      this.options.sessionTimeoutMs / 4,
    );
    try {
      await backOff(
        async () => {
          attempts += 1;
          await work();
        },
        {
          numOfAttempts: Number.MAX_SAFE_INTEGER,
          startingDelay: this.options.initialRetryDelayMs ?? 200,
          maxDelay: this.options.maxRetryDelayMs ?? 5_000,
          jitter: 'full',
          retry: (error: unknown, attempt: number) => {
            lastError = error;
            const kind = classifyFailure(error);
            const { message } = describeError(error);
            if (!this.running) return false;
            if (kind === 'permanent') return false;
            if (kind === 'retryable' && attempt >= maxAttempts) return false;
            this.logger.warn(`${where}: attempt ${attempt} failed (${kind}): ${message}; retrying`);
            return true;
          },
        },
      );
      return { kind: 'done' };
    } catch (error) {
      lastError = error;
      if (!this.running && classifyFailure(error) !== 'permanent') return { kind: 'aborted' };
      this.logger.error(
        `${where}: giving up after ${attempts} attempt(s): ${describeError(lastError).message}`,
      );
      return { kind: 'dead-letter', error: lastError, attempts };
    } finally {
      clearInterval(ticker);
    }
  }

  /** Returns false when shutdown interrupted it, so the offset stays uncommitted. */
  private async deadLetter(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    error: unknown,
    attempts: number,
  ): Promise<boolean> {
    const record = deadLetterRecord({
      topic,
      partition,
      message,
      consumerGroup: this.options.groupId,
      attempts,
      error,
      now: new Date(),
    });
    try {
      await backOff(() => this.requireProducer().send({ ...record, acks: -1 }), {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        maxDelay: 5_000,
        retry: () => this.running,
      });
    } catch {
      return false;
    }
    this.logger.warn(
      `${topic}[${partition}]@${message.offset} dead-lettered to ${record.topic}: ${describeError(error).message}`,
    );
    return true;
  }

  private async commit(topic: string, partition: number, offset: string): Promise<void> {
    const next = (BigInt(offset) + 1n).toString();
    await this.consumer?.commitOffsets([{ topic, partition, offset: next }]);
  }

  private requireProducer(): Producer {
    if (this.producer === undefined) throw new Error('producer is not connected');
    return this.producer;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
