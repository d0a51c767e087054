import { Logger } from '@nestjs/common';
import type { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { headersToStrings } from '../dead-letter';
import type { KafkaNamespace } from '../kafka-namespace';
import { KeyedScheduler } from './keyed-scheduler';
import { PartitionProgress } from './partition-progress';

/** A fetched record, as the consumer hands it to `prepare`. */
export interface FetchedRecord {
  /** The registry's name of the topic, whatever the namespace's prefix. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  message: KafkaMessage;
}

/**
 * What a record becomes: work ordered by `key`, or nothing to do (its offset is done at once).
 * `background` work waits while foreground work of other keys is ready (see KeyedScheduler).
 */
export type PreparedRecord<T> = { key: string; item: T; background?: boolean } | null;

export interface ParallelConsumerOptions<T> {
  kafka: Kafka;
  /** Where `groupId` and `topics` are on the broker. */
  namespace: KafkaNamespace;
  /** Logical names: the namespace maps them to the broker's. */
  groupId: string;
  topics: readonly string[];
  sessionTimeoutMs: number;
  /** Where a group with no committed offset starts; default from the beginning. */
  fromBeginning?: boolean;
  /** Keys being worked on at once, across all partitions. */
  maxInFlight: number;
  /** Records accepted and not yet finished, at most; fetching waits beyond it. Default 10 × maxInFlight, at least 100. */
  maxBuffered?: number;
  /** Items one run of a key receives at most. Default 500. */
  maxItemsPerRun?: number;
  /**
   * How soon a finished record's offset is committed. Default 1 s: every commit is a request to
   * the broker, and a crash only redelivers what finished since (the inbox makes that harmless).
   */
  commitDelayMs?: number;
  /**
   * Turns fetched records (in partition order) into work. Records that need nothing (another
   * service's, say) map to null. It may read a database to find each record's ordering key.
   * A failure is retried; it must not lose records.
   */
  prepare: (records: FetchedRecord[]) => Promise<PreparedRecord<T>[]>;
  /**
   * Does the work of one key: everything that waited for it, oldest first. A rejection leaves the
   * records unfinished, so they are fetched and run again after the consumer restarts.
   */
  run: (key: string, items: T[]) => Promise<void>;
  /** Called when the consumer cannot be brought back; the process should exit so it is restarted. */
  onFatal?: (error: unknown) => void;
}

const PREPARE_CHUNK = 200;
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000];
/** Restarts in a row that fail before the consumer is declared dead. */
const MAX_FAILED_RESTARTS = 12;

/**
 * Key-ordered parallel consumption on kafkajs (the model of Confluent's parallel-consumer):
 * - many records are in flight at once, across and within partitions, but one key runs at a
 *   time, in arrival order; what arrives for a busy key is handed to its next run together;
 * - an offset is committed only up to the lowest record not yet finished, so a crash redelivers
 *   and never skips (consumers must be idempotent, as the inbox makes them);
 * - a commit that fails (a rebalance, a restarted broker) is tried again at the next commit;
 *   a consumer that kafkajs will not restart is rebuilt here, and `onFatal` is called if that
 *   keeps failing, so a live process never keeps a dead consumer.
 */
export class ParallelConsumerKafkaJs<T> {
  private readonly logger = new Logger(ParallelConsumerKafkaJs.name);
  private readonly scheduler: KeyedScheduler<T>;
  private readonly maxBuffered: number;
  private consumer?: Consumer;
  /** Progress per `topic:partition` (the broker's topic name) of the current consumer; replaced when it rejoins or restarts. */
  private progress = new Map<string, PartitionProgress>();
  private buffered = 0;
  private readonly capacityWaiters: (() => void)[] = [];
  private stopping = false;
  private started = false;
  private commitTimer?: NodeJS.Timeout;
  private committing?: Promise<void>;
  private failedRestarts = 0;
  private restartTimer?: NodeJS.Timeout;
  /** The partitions this member owns, by topic, while it is in its group; null otherwise. */
  private membership: ReadonlyMap<string, readonly number[]> | null = null;

  constructor(private readonly options: ParallelConsumerOptions<T>) {
    this.maxBuffered = options.maxBuffered ?? Math.max(100, options.maxInFlight * 10);
    this.scheduler = new KeyedScheduler({
      maxInFlight: options.maxInFlight,
      maxItemsPerRun: options.maxItemsPerRun ?? 500,
      run: (key, items) => this.options.run(key, items),
    });
  }

  /** Records accepted and not finished. */
  get inFlight(): number {
    return this.buffered;
  }

  /** Whether this member is in its group now (joined, not rebalancing, crashed or stopped). */
  get joined(): boolean {
    return this.membership !== null;
  }

  /** The partitions this member owns, by topic (for its lag). */
  owned(): ReadonlyMap<string, readonly number[]> {
    return this.membership ?? new Map();
  }

  /** Connects and joins the group; resolves once consumption has started. */
  async start(): Promise<void> {
    this.stopping = false;
    this.started = true;
    await this.connect();
  }

  /**
   * Stops fetching, lets the work in flight finish (up to `timeoutMs`), commits what finished,
   * then leaves the group.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.started) return;
    const { namespace } = this.options;
    this.stopping = true;
    this.started = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.capacityWaiters.splice(0).forEach((wake) => wake());
    const consumer = this.consumer;
    if (consumer) {
      try {
        consumer.pause(this.options.topics.map((topic) => ({ topic: namespace.topic(topic) })));
      } catch {
        // Not running (yet): nothing to pause.
      }
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.scheduler.idle(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (this.commitTimer) clearTimeout(this.commitTimer);
    await this.commit();
    this.consumer = undefined;
    await consumer
      ?.disconnect()
      .catch((error: unknown) => this.logger.warn(`consumer disconnect: ${String(error)}`));
  }

  private async connect(): Promise<void> {
    const { kafka, namespace, groupId, sessionTimeoutMs, topics } = this.options;
    const consumer = kafka.consumer({
      groupId: namespace.group(groupId),
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: Math.floor(sessionTimeoutMs / 4),
      allowAutoTopicCreation: false,
      // Fetches return as soon as there is something to read.
      maxWaitTimeInMs: 500,
      // Bounded fetches keep a burst from inflating the process (kafkajs defaults to 10 MB).
      maxBytes: 2 * 1024 * 1024,
      maxBytesPerPartition: 256 * 1024,
    });
    this.consumer = consumer;
    this.progress = new Map();
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      if (consumer !== this.consumer) return;
      this.onAssignment(event.payload.memberAssignment);
    });
    // Out of the group until the next join: while rebalancing, after a crash, once stopped.
    for (const left of [
      consumer.events.REBALANCING,
      consumer.events.CRASH,
      consumer.events.STOP,
      consumer.events.DISCONNECT,
    ]) {
      consumer.on(left, () => {
        if (consumer === this.consumer || this.consumer === undefined) this.membership = null;
      });
    }
    consumer.on(consumer.events.CRASH, (event) => {
      if (consumer !== this.consumer || this.stopping) return;
      const { error, restart } = event.payload;
      if (restart) {
        this.logger.warn(`consumer crashed, kafkajs restarts it: ${error.message}`);
        return;
      }
      this.logger.error(
        `consumer crashed and kafkajs gave up on it: ${error.message}; rebuilding it`,
      );
      this.scheduleRestart();
    });
    await consumer.connect();
    for (const topic of topics) {
      await consumer.subscribe({
        topic: namespace.topic(topic),
        fromBeginning: this.options.fromBeginning ?? true,
      });
    }
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Every assigned partition is fetched and handed over at once; the work runs in the background.
      partitionsConsumedConcurrently: 64,
      eachBatch: (payload) => this.onBatch(consumer, payload),
    });
  }

  private scheduleRestart(): void {
    if (this.restartTimer || this.stopping) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.failedRestarts, RESTART_DELAYS_MS.length - 1)]!;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    const old = this.consumer;
    this.consumer = undefined;
    await old?.disconnect().catch(() => undefined);
    try {
      await this.connect();
      this.failedRestarts = 0;
      this.logger.log('consumer rebuilt and consuming again');
    } catch (error) {
      this.failedRestarts += 1;
      const message = error instanceof Error ? error.message : String(error);
      if (this.failedRestarts >= MAX_FAILED_RESTARTS) {
        this.logger.error(
          `consumer could not be rebuilt (${this.failedRestarts} tries): ${message}`,
        );
        (this.options.onFatal ?? defaultFatal)(error);
        return;
      }
      this.logger.warn(`rebuilding the consumer failed (${message}); trying again`);
      this.scheduleRestart();
    }
  }

  /** Partitions this member no longer owns keep running their work, but their offsets are not ours to commit. */
  private onAssignment(assignment: Record<string, number[]>): void {
    // A member may own no partition (more members than partitions) and still be in the group.
    this.membership = new Map(
      Object.entries(assignment).filter(([, partitions]) => partitions.length > 0),
    );
    const owned = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => `${topic}:${partition}`),
      ),
    );
    for (const id of [...this.progress.keys()]) if (!owned.has(id)) this.progress.delete(id);
  }

  private progressOf(topic: string, partition: number): PartitionProgress {
    const id = `${topic}:${partition}`;
    let progress = this.progress.get(id);
    if (progress === undefined) {
      progress = new PartitionProgress();
      this.progress.set(id, progress);
    }
    return progress;
  }

  private async onBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const progress = this.progressOf(batch.topic, batch.partition);
    const fresh = batch.messages.filter((message) => progress.begin(BigInt(message.offset)));
    for (let start = 0; start < fresh.length; start += PREPARE_CHUNK) {
      const chunk = fresh.slice(start, start + PREPARE_CHUNK);
      await this.waitForCapacity(payload, chunk.length);
      if (this.stopping || consumer !== this.consumer) return;
      const prepared = await this.prepareWithRetry(batch, chunk, payload);
      if (prepared === null) return;
      chunk.forEach((message, index) =>
        this.accept(progress, BigInt(message.offset), prepared[index] ?? null),
      );
      payload.resolveOffset(chunk[chunk.length - 1]!.offset);
    }
    // A batch can end with records that are not messages (transaction markers).
    progress.skipTo(BigInt(batch.lastOffset()) + 1n);
    if (batch.messages.length > 0) payload.resolveOffset(batch.lastOffset());
    this.scheduleCommit();
  }

  private accept(progress: PartitionProgress, offset: bigint, prepared: PreparedRecord<T>): void {
    if (prepared === null) {
      progress.finish(offset);
      return;
    }
    this.buffered += 1;
    const done = () => {
      progress.finish(offset);
      this.buffered -= 1;
      this.wakeCapacity();
      this.scheduleCommit();
    };
    const options = { background: prepared.background === true };
    this.scheduler.submit(prepared.key, prepared.item, options).then(done, (error: unknown) => {
      // Left unfinished: the offset stays uncommitted and the record comes back after a restart.
      this.buffered -= 1;
      this.wakeCapacity();
      if (this.stopping) return;
      this.logger.error(
        `work for ${prepared.key} failed and will be fetched again: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.scheduleRestart();
    });
  }

  private async prepareWithRetry(
    batch: Batch,
    chunk: KafkaMessage[],
    payload: EachBatchPayload,
  ): Promise<PreparedRecord<T>[] | null> {
    const topic = this.options.namespace.logicalTopic(batch.topic);
    const records = chunk.map((message): FetchedRecord => ({
      topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      headers: headersToStrings(message.headers),
      message,
    }));
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.options.prepare(records);
      } catch (error) {
        if (this.stopping) return null;
        this.logger.warn(
          `${batch.topic}[${batch.partition}]: preparing records failed (attempt ${attempt}), retrying: ${error instanceof Error ? error.message : String(error)}`,
        );
        await sleep(Math.min(5_000, 200 * 2 ** Math.min(attempt, 5)));
        await payload.heartbeat();
      }
    }
  }

  /** Waits while too much is buffered, heartbeating so the group keeps this member. */
  private async waitForCapacity(payload: EachBatchPayload, wanted: number): Promise<void> {
    while (!this.stopping && this.buffered > 0 && this.buffered + wanted > this.maxBuffered) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(500, this.options.sessionTimeoutMs / 5));
        this.capacityWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      // A rebalance shows here as an error: it ends the batch so kafkajs can rejoin.
      await payload.heartbeat();
    }
  }

  private wakeCapacity(): void {
    if (this.buffered + PREPARE_CHUNK <= this.maxBuffered || this.buffered === 0) {
      this.capacityWaiters.splice(0).forEach((wake) => wake());
    }
  }

  private scheduleCommit(): void {
    if (this.commitTimer || this.stopping) return;
    this.commitTimer = setTimeout(() => {
      this.commitTimer = undefined;
      void this.commit();
    }, this.options.commitDelayMs ?? 1_000);
  }

  /** Commits every owned partition's progress; a failure is logged and retried shortly. */
  private async commit(): Promise<void> {
    // One commit at a time; a call made meanwhile commits again afterwards, with newer positions.
    while (this.committing) await this.committing;
    const consumer = this.consumer;
    if (consumer === undefined) return;
    const positions = [...this.progress].flatMap(([id, progress]) => {
      const position = progress.committable();
      if (position === null) return [];
      const split = id.lastIndexOf(':');
      return [
        { topic: id.slice(0, split), partition: Number(id.slice(split + 1)), position, progress },
      ];
    });
    if (positions.length === 0) return;
    this.committing = consumer
      .commitOffsets(
        positions.map(({ topic, partition, position }) => ({
          topic,
          partition,
          offset: position.toString(),
        })),
      )
      .then(
        () => positions.forEach(({ progress, position }) => progress.markCommitted(position)),
        (error: unknown) => {
          this.logger.warn(
            `committing offsets failed, trying again shortly: ${error instanceof Error ? error.message : String(error)}`,
          );
          if (!this.stopping) setTimeout(() => this.scheduleCommit(), 1_000).unref();
        },
      )
      .finally(() => {
        this.committing = undefined;
      });
    await this.committing;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultFatal(error: unknown): void {
  process.stderr.write(
    `the Kafka consumer is dead and could not be rebuilt; exiting so it is restarted: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(70);
}
