import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { backOff } from 'exponential-backoff';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { parseMessage, type Topic } from '@subsync/domain';
import { consumerLagSources, messagingMetrics } from '@subsync/metrics';
import { inProcessSpan } from '@subsync/tracing';
import { classifyFailure, describeError, PermanentMessageError } from '../errors/message-errors';
import { ConsumerLagReader } from './consumer/consumer-lag';
import {
  type FetchedRecord,
  ParallelConsumerKafkaJs,
  type PreparedRecord,
} from './consumer/parallel-consumer-kafkajs';
import { deadLetterRecord } from './dead-letter';
import type { InboundMessage, MessageGroup, TopicRouting } from './inbound-message';
import type { KafkaNamespace } from './kafka-namespace';
import type { SharedKafkaAdmin } from './shared-kafka-admin';
import type { TopicProvisioner } from './topic-provisioner';

export interface KafkaSyncServerOptions {
  kafka: Kafka;
  /** Where the handlers' topics, their dead-letter topics and the group are on the broker. */
  namespace: KafkaNamespace;
  /** Creates or grows the topics the handlers consume before the consumer joins. */
  topics: TopicProvisioner;
  /** The logical group (the namespace prefixes it); dead letters name it in `x-consumer-group`. */
  groupId: string;
  sessionTimeoutMs: number;
  /** Reads the group's lag for `subsync_consumer_lag` when metrics are scraped; none without it. */
  admin?: SharedKafkaAdmin;
  /** Ordering keys handled at once across all partitions (one handler call each). Default 16. */
  maxInFlight?: number;
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
  /** Per topic: records to skip unparsed, and what to order messages by. */
  routing?: Partial<Record<string, TopicRouting>>;
  /** Called when the consumer is dead for good; by default the process exits so it is restarted. */
  onFatal?: (error: unknown) => void;
}

type Work =
  | { kind: 'handle'; message: InboundMessage<unknown>; record: FetchedRecord }
  | { kind: 'dead-letter'; record: FetchedRecord; error: unknown };

type Outcome =
  | { kind: 'done' }
  | { kind: 'dead-letter'; error: unknown; attempts: number }
  | { kind: 'aborted' };

/** Rejects a run that shutdown interrupted: its offsets stay uncommitted and are read again. */
class ShutdownInterrupted extends Error {}

/**
 * Runs `@EventPattern` handlers over kafkajs with the delivery rules a sync engine needs:
 * - every record needs a key and must validate against its topic's contract before a handler
 *   sees it; one that does not goes to `<topic>.dlt` with provenance headers;
 * - many messages are handled at once, but messages with the same ordering key one group at a
 *   time, in arrival order (see {@link ParallelConsumerKafkaJs});
 * - an offset is committed only once every message before it was handled, i.e. after its
 *   database transaction committed (handlers dedupe redeliveries through the inbox);
 * - failures are retried in process with backoff; an outage of PostgreSQL or the network is
 *   retried until it ends, never dropped; a message that can never succeed is dead-lettered;
 * - shutdown stops fetching, lets messages in flight finish, commits, then leaves the group.
 * Nest's Kafka request/reply is deliberately not supported.
 */
export class KafkaSyncServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaSyncServer.name);
  private consumer?: ParallelConsumerKafkaJs<Work>;
  private producer?: Producer;
  private running = false;
  private stopReportingLag?: () => void;
  /**
   * Each topic's handler, looked up once. Nest's lookup first tries `JSON.parse` on the pattern,
   * which throws for every topic name: in a profile of the gateway that was 5 % of its CPU.
   */
  private readonly handlers = new Map<string, ReturnType<Server['getHandlerByPattern']>>();

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

  /** Whether the consumer is in its group now (readiness). */
  get joined(): boolean {
    return this.consumer?.joined ?? false;
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      // Leave nothing half-started behind, so starting again begins afresh.
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  private async connect(): Promise<void> {
    const { kafka, namespace, groupId, sessionTimeoutMs } = this.options;
    const topics = [...this.messageHandlers.keys()];
    await this.options.topics.ensure(topics);
    this.running = true;
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    this.consumer = new ParallelConsumerKafkaJs<Work>({
      kafka,
      namespace,
      groupId,
      topics,
      sessionTimeoutMs,
      fromBeginning: this.options.fromBeginning ?? true,
      maxInFlight: this.options.maxInFlight ?? 16,
      prepare: (records) => this.prepare(records),
      run: (key, items) => this.run(key, items),
      ...(this.options.onFatal === undefined ? {} : { onFatal: this.options.onFatal }),
    });
    await this.consumer.start();
    const { admin } = this.options;
    if (admin !== undefined) {
      const consumer = this.consumer;
      const lag = new ConsumerLagReader(
        namespace.group(groupId),
        () => consumer.owned(),
        (work) => admin.use(work),
      );
      // The broker's names are read; the series carry the registry's, as every label does.
      this.stopReportingLag = consumerLagSources.add(async () =>
        (await lag.read()).map((entry) => ({
          ...entry,
          topic: namespace.logicalTopic(entry.topic),
        })),
      );
    }
    this.logger.log(
      `consuming ${topics.map((topic) => namespace.topic(topic)).join(', ')} as group ${namespace.group(groupId)}`,
    );
  }

  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopReportingLag?.();
    await this.consumer?.stop(this.options.shutdownTimeoutMs ?? 30_000);
    await this.producer
      ?.disconnect()
      .catch((e: unknown) => this.logger.warn(`producer disconnect: ${String(e)}`));
    this.consumer = undefined;
    this.producer = undefined;
  }

  private handlerFor(topic: string): ReturnType<Server['getHandlerByPattern']> {
    let handler = this.handlers.get(topic);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(topic);
      this.handlers.set(topic, handler);
    }
    return handler;
  }

  /** Validates each record and finds its ordering key; invalid ones become dead-letter work. */
  private async prepare(records: FetchedRecord[]): Promise<PreparedRecord<Work>[]> {
    const prepared: PreparedRecord<Work>[] = new Array<PreparedRecord<Work>>(records.length).fill(
      null,
    );
    const valid: { index: number; record: FetchedRecord; message: InboundMessage<unknown> }[] = [];
    records.forEach((record, index) => {
      const routing = this.options.routing?.[record.topic];
      const deadLetter = (reason: string): void => {
        prepared[index] = {
          key: `dlt|${record.topic}|${record.partition}|${record.offset}`,
          item: { kind: 'dead-letter', record, error: new PermanentMessageError(reason) },
        };
      };
      if (record.key === null || record.key === '') return deadLetter('message has no key');
      if (routing?.accepts && !routing.accepts(record.key)) return;
      if (this.handlerFor(record.topic) === null) {
        return deadLetter(`no handler for ${record.topic}`);
      }
      const parsed = parseMessage(
        record.topic as Topic,
        record.message.value?.toString('utf8') ?? null,
      );
      if (!parsed.ok) return deadLetter(parsed.error);
      const message: InboundMessage<unknown> = {
        envelope: parsed.value,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        key: record.key,
        headers: record.headers,
      };
      const invalid = routing?.validate?.(message) ?? null;
      if (invalid !== null) return deadLetter(invalid);
      valid.push({ index, record, message });
    });
    for (const topic of new Set(valid.map(({ message }) => message.topic))) {
      const ofTopic = valid.filter(({ message }) => message.topic === topic);
      const keys = await this.orderingKeys(
        topic,
        ofTopic.map(({ message }) => message),
      );
      const background = this.options.routing?.[topic]?.background;
      ofTopic.forEach(({ index, record, message }, i) => {
        prepared[index] = {
          key: `${topic}|${keys[i] ?? message.key}`,
          item: { kind: 'handle', message, record },
          ...(background?.(message) === true ? { background: true } : {}),
        };
      });
    }
    return prepared;
  }

  /**
   * The topic's ordering keys, or the Kafka keys. An outage is retried (by the consumer); any
   * other failure falls back to the Kafka keys, so no record can stall its partition.
   */
  private async orderingKeys(
    topic: string,
    messages: InboundMessage<unknown>[],
  ): Promise<string[]> {
    const orderingKeys = this.options.routing?.[topic]?.orderingKeys;
    if (orderingKeys === undefined) return messages.map((message) => message.key);
    try {
      return await orderingKeys(messages);
    } catch (error) {
      if (classifyFailure(error) === 'infrastructure') throw error;
      this.logger.error(
        `${topic}: finding ordering keys failed, ordering by the Kafka key instead: ${describeError(error).message}`,
      );
      return messages.map((message) => message.key);
    }
  }

  private async run(key: string, items: Work[]): Promise<void> {
    const deadLetters = items.flatMap((item) => (item.kind === 'dead-letter' ? [item] : []));
    for (const { record, error } of deadLetters) await this.deadLetter(record, error, 1);
    const handled = items.flatMap((item) => (item.kind === 'handle' ? [item] : []));
    if (handled.length === 0) return;
    const topic = handled[0]!.message.topic;
    const groupKey = key.slice(topic.length + 1);
    if (handled.length === 1) return this.handle(groupKey, handled);
    // A group that fails other than by an outage is taken apart at once: each message is then
    // handled (and retried, or dead-lettered) on its own, so one bad message spoils no other.
    const outcome = await this.invoke(groupKey, handled, 1);
    if (outcome.kind === 'aborted') throw new ShutdownInterrupted(`${topic} ${groupKey}`);
    if (outcome.kind === 'dead-letter') {
      for (const item of handled) await this.handle(groupKey, [item]);
    }
  }

  /** Handles a group with the retry policy; what can never succeed is dead-lettered. */
  private async handle(
    groupKey: string,
    items: Extract<Work, { kind: 'handle' }>[],
  ): Promise<void> {
    const outcome = await this.invoke(groupKey, items, this.options.maxAttempts ?? 5);
    if (outcome.kind === 'aborted')
      throw new ShutdownInterrupted(`${items[0]!.message.topic} ${groupKey}`);
    if (outcome.kind === 'dead-letter') {
      for (const { record } of items)
        await this.deadLetter(record, outcome.error, outcome.attempts);
    }
  }

  private invoke(
    groupKey: string,
    items: Extract<Work, { kind: 'handle' }>[],
    maxAttempts: number,
  ): Promise<Outcome> {
    const messages = items.map((item) => item.message);
    const topic = messages[0]!.topic;
    const handler = this.handlerFor(topic);
    if (handler === null) throw new Error(`no handler for ${topic}`);
    const group: MessageGroup<unknown> = { key: groupKey, messages };
    const where = `${topic} ${groupKey} (${messages.length} message${messages.length === 1 ? '' : 's'})`;
    // The handler's queries, upstream calls and outbox rows join the trace of the request that
    // published the message (its traceparent header); retries stay in the same span.
    return inProcessSpan(
      () =>
        messages.map((message) => ({
          topic: this.options.namespace.topic(topic),
          headers: message.headers,
          messageId: message.envelope.id,
          correlationId: message.envelope.correlationId,
          key: message.key,
          partition: message.partition,
          offset: message.offset,
        })),
      this.options.groupId,
      async (span) => {
        const outcome = await this.invokeWithRetry(
          async () => {
            const result: unknown = await handler(group);
            if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          },
          where,
          maxAttempts,
        );
        if (outcome.kind === 'dead-letter') span.fail(outcome.error);
        return outcome;
      },
    );
  }

  private async invokeWithRetry(
    work: () => Promise<void>,
    where: string,
    maxAttempts: number,
  ): Promise<Outcome> {
    // Most work succeeds at once: the retry machinery is set up only after a failure.
    try {
      await work();
      return { kind: 'done' };
    } catch (error) {
      if (!this.running && classifyFailure(error) !== 'permanent') return { kind: 'aborted' };
      if (classifyFailure(error) === 'permanent' || maxAttempts <= 1) {
        return this.giveUp(where, error, 1, maxAttempts);
      }
      this.logger.warn(
        `${where}: attempt 1 failed (${classifyFailure(error)}): ${describeError(error).message}; retrying`,
      );
    }
    return this.retry(work, where, maxAttempts);
  }

  private giveUp(where: string, error: unknown, attempts: number, maxAttempts: number): Outcome {
    if (maxAttempts > 1 || classifyFailure(error) === 'permanent') {
      this.logger.error(
        `${where}: giving up after ${attempts} attempt(s): ${describeError(error).message}`,
      );
    }
    return { kind: 'dead-letter', error, attempts };
  }

  /** Attempts after the first: backoff with jitter; an outage is retried until it ends. */
  private async retry(
    work: () => Promise<void>,
    where: string,
    maxAttempts: number,
  ): Promise<Outcome> {
    let attempts = 1;
    let lastError: unknown;
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
          // The first attempt has run already: the delay before this one is the first backoff.
          delayFirstAttempt: true,
          retry: (error: unknown) => {
            lastError = error;
            const kind = classifyFailure(error);
            const { message } = describeError(error);
            if (!this.running) return false;
            if (kind === 'permanent') return false;
            if (kind === 'retryable' && attempts >= maxAttempts) return false;
            this.logger.warn(
              `${where}: attempt ${attempts} failed (${kind}): ${message}; retrying`,
            );
            return true;
          },
        },
      );
      return { kind: 'done' };
    } catch (error) {
      lastError = error;
      if (!this.running && classifyFailure(error) !== 'permanent') return { kind: 'aborted' };
      return this.giveUp(where, lastError, attempts, maxAttempts);
    }
  }

  /** Sends the record to its topic's DLT; retried until Kafka takes it, or shutdown interrupts. */
  private async deadLetter(record: FetchedRecord, error: unknown, attempts: number): Promise<void> {
    const dlt = deadLetterRecord(
      {
        topic: record.topic,
        partition: record.partition,
        message: record.message,
        consumerGroup: this.options.groupId,
        attempts,
        error,
        now: new Date(),
      },
      this.options.namespace,
    );
    try {
      await backOff(() => this.requireProducer().send({ ...dlt, acks: -1 }), {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        maxDelay: 5_000,
        retry: () => this.running,
      });
    } catch {
      throw new ShutdownInterrupted(
        `dead-lettering ${record.topic}[${record.partition}]@${record.offset}`,
      );
    }
    messagingMetrics.deadLettered(record.topic);
    this.logger.warn(
      `${record.topic}[${record.partition}]@${record.offset} dead-lettered to ${dlt.topic}: ${describeError(error).message}`,
    );
  }

  private requireProducer(): Producer {
    if (this.producer === undefined) throw new Error('producer is not connected');
    return this.producer;
  }
}
