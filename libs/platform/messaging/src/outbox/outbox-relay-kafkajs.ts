import { Logger } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ALL_TOPICS } from '@subsync/domain';
import { type OutboxBacklogReading, outboxBacklogSources } from '@subsync/metrics';
import { type SendSpan, startSendSpan } from '@subsync/tracing';
import type { KafkaNamespace } from '../kafka/kafka-namespace';
import { MESSAGE_CONTENT_TYPE, MESSAGE_HEADERS } from '../kafka/message-headers';
import type { TopicProvisioner } from '../kafka/topic-provisioner';
import { deletePublishedOutboxRows } from './outbox-retention';
import type { OutboxMessage } from './outbox-typeorm';

export interface OutboxRelayOptions {
  producer: string;
  /** Rows name topics by the registry; they are published to the namespace's topics. */
  namespace: KafkaNamespace;
  topics: TopicProvisioner;
  batchSize?: number;
  pollIntervalMs?: number;
  /**
   * Minutes a published row is kept (10 by default): it may hold customer data (a login's
   * identity claims), and nothing reads it once Kafka has it; a short window is left to look.
   */
  retentionMinutes?: number;
  /**
   * How old an unsent row must be before a poll takes it while the relay publishes commits as
   * they are announced (5 s by default): younger rows are on their way from the process that
   * wrote them. Rows older than this were left by a crash, by a failed publish, or by a writer
   * that announced nothing.
   */
  orphanAfterMs?: number;
  /** How long published rows wait to be marked sent together (100 ms by default). */
  markDelayMs?: number;
}

const DEFAULT_RETENTION_MINUTES = 10;
const DEFAULT_ORPHAN_AFTER_MS = 5_000;
const DEFAULT_MARK_DELAY_MS = 100;
/** After marking failed (PostgreSQL unreachable, say), the next try waits this long. */
const MARK_RETRY_MS = 2_000;
/** So a published row lives at most about a retention plus this. */
const CLEANUP_INTERVAL_MS = 60_000;

/** A row as the relay takes it from the table: the message, and its place in the outbox's order. */
export interface OutboxRow extends OutboxMessage {
  id: string;
}

/**
 * Publishes this service's outbox messages to Kafka. Delivery is at least once: consumers
 * dedupe on the message id.
 *
 * It works in one of two ways, and starts in the second:
 * - **Announced commits** (the usual way): a writer hands the relay the messages its transaction
 *   queued as soon as that transaction has committed ({@link wake}), and the relay publishes them
 *   at once, one batch at a time in the order announced, without reading them back. Published
 *   rows are marked sent together a moment later, in one statement. A row published but not yet
 *   marked when the process dies is published again, by whichever relay finds it.
 * - **Draining the table**: the oldest unsent rows are locked, marked sent and published in one
 *   transaction, batch after batch, in the outbox's order. The relay drains at start, after a
 *   publish failed (until the table has nothing unsent, so that what waited goes out before
 *   anything newer), and when a poll finds a row older than `orphanAfterMs` that nobody
 *   published. A drain that leaves nothing unsent goes back to announced commits.
 */
export class OutboxRelayKafkaJs {
  private readonly logger = new Logger(OutboxRelayKafkaJs.name);
  private readonly kafkaProducer: Producer;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = true;
  private lastCleanup = 0;
  private stopReportingBacklog?: () => void;
  /** Publishing announced commits (true) or draining the table (false). */
  private announced = false;
  /** Announced messages not yet handed to Kafka, in the order announced. */
  private pending: OutboxMessage[] = [];
  private sending?: Promise<void>;
  /** Message ids Kafka has and the table does not know of yet. */
  private unmarked: string[] = [];
  private markTimer?: NodeJS.Timeout;
  private marking?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    kafka: Kafka,
    private readonly options: OutboxRelayOptions,
  ) {
    this.kafkaProducer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async start(): Promise<void> {
    // Every registry topic exists before the first publish, with its partitions and DLT.
    await this.options.topics.ensure(ALL_TOPICS);
    await this.kafkaProducer.connect();
    this.stopped = false;
    this.stopReportingBacklog ??= outboxBacklogSources.add(async () => [await this.backlog()]);
    this.schedule(0);
  }

  /** Whether the relay is publishing (started and not stopped); readiness asks. */
  get running(): boolean {
    return !this.stopped;
  }

  /**
   * This producer's unsent rows and the age of the oldest, for the metrics: two reads of the
   * partial index on unsent rows, asked when metrics are scraped, never per message. Rows
   * published in the last {@link OutboxRelayOptions.markDelayMs} and not marked yet count too.
   */
  async backlog(): Promise<OutboxBacklogReading> {
    const [row]: { backlog: number; oldest: number | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM outbox WHERE producer = $1 AND sent_at IS NULL)::int AS backlog,
              (SELECT EXTRACT(EPOCH FROM clock_timestamp() - created_at)::float8 FROM outbox
                WHERE producer = $1 AND sent_at IS NULL ORDER BY id LIMIT 1) AS oldest`,
      [this.options.producer],
    );
    return { backlog: row?.backlog ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopReportingBacklog?.();
    this.stopReportingBacklog = undefined;
    if (this.timer) clearTimeout(this.timer);
    await this.sending;
    await this.draining;
    // Announce what committed just before shutdown now rather than at the next start.
    try {
      await this.markPublished();
      while ((await this.publishBatch(this.options.batchSize ?? 200)) > 0);
    } catch (error) {
      this.logger.warn(`outbox relay: final drain failed, rows stay queued: ${String(error)}`);
    }
    await this.kafkaProducer.disconnect();
  }

  /**
   * Publish now: called after a transaction that wrote to the outbox has committed, with the
   * messages it queued. Without them (or while the relay drains the table) the table is drained.
   */
  wake(messages: readonly OutboxMessage[] = []): void {
    if (this.stopped) return;
    if (this.announced && messages.length > 0) {
      this.pending.push(...messages);
      this.sending ??= this.sendAnnounced();
      return;
    }
    if (this.draining) {
      this.again = true;
      return;
    }
    this.schedule(0, true);
  }

  /** `woken`: a commit says there are rows; otherwise (a poll) look before locking anything. */
  private schedule(delayMs: number, woken = false): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.drain(woken).finally(() => {
        this.draining = undefined;
      });
    }, delayMs);
  }

  /** Publishes announced messages, a batch at a time, until none is waiting or one fails. */
  private async sendAnnounced(): Promise<void> {
    // Commits announced in the same turn of the event loop go out in one request (and
    // `sending` is set by the time this can clear it).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0 && this.announced) {
      const batch = this.pending.splice(0);
      try {
        await this.publish(batch);
        for (const message of batch) this.unmarked.push(message.messageId);
        this.scheduleMark();
      } catch (error) {
        // The rows are in the table, unsent; a drain publishes them, and everything announced
        // meanwhile, in the outbox's order.
        this.logger.warn(
          `outbox relay: publishing failed (${error instanceof Error ? error.message : String(error)}); draining the table instead`,
        );
        this.announced = false;
        this.pending = [];
        this.schedule(2_000);
      }
    }
    this.sending = undefined;
  }

  /**
   * Marks at once when a batch's worth waits, else after `markDelayMs`; nothing new while a mark
   * is due already (or a retry waits out a failure).
   */
  private scheduleMark(): void {
    if (this.markTimer !== undefined) return;
    if (this.unmarked.length >= (this.options.batchSize ?? 200)) {
      void this.markPublished().catch(() => undefined);
      return;
    }
    this.markAfter(this.options.markDelayMs ?? DEFAULT_MARK_DELAY_MS);
  }

  private markAfter(delayMs: number): void {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = setTimeout(() => {
      this.markTimer = undefined;
      void this.markPublished().catch(() => undefined);
    }, delayMs);
  }

  /**
   * Marks the messages published since the last call sent, in one statement. On failure they are
   * kept for the next call (and, should the process die first, published again).
   */
  private async markPublished(): Promise<void> {
    // One statement at a time; a failed one has put its ids back for this one.
    while (this.marking) await this.marking.catch(() => undefined);
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = undefined;
    if (this.unmarked.length === 0) return;
    const ids = this.unmarked.splice(0);
    this.marking = markSent(this.dataSource, ids)
      .catch((error: unknown) => {
        this.unmarked.unshift(...ids);
        this.logger.warn(
          `outbox relay: marking published rows sent failed, trying again: ${error instanceof Error ? error.message : String(error)}`,
        );
        // Not at once, even with a batch's worth waiting: PostgreSQL may be down for a while.
        if (!this.stopped) this.markAfter(MARK_RETRY_MS);
        throw error;
      })
      .finally(() => {
        this.marking = undefined;
      });
    await this.marking;
  }

  private async drain(woken: boolean): Promise<void> {
    let failed = false;
    const batchSize = this.options.batchSize ?? 200;
    try {
      // A poll finds nothing most of the time (commits are announced): one indexed read then,
      // instead of a transaction. Rows of another process with the same producer name, or
      // left by a crash, are found this way; while commits are announced, only rows older than
      // any of them could be.
      const orphanAfterMs = this.announced
        ? (this.options.orphanAfterMs ?? DEFAULT_ORPHAN_AFTER_MS)
        : 0;
      if (woken || (await this.anyUnsent(orphanAfterMs))) {
        // Nothing announced is published from here on, and what was is marked first, so that
        // the drain does not take it for unsent.
        this.announced = false;
        await this.sending;
        await this.markPublished();
        let published: number;
        do {
          this.again = false;
          published = await this.publishBatch(batchSize);
          // A short batch took every row committed before it began; rows committed since woke
          // the relay (`again`), so no empty round of locking is needed to be sure.
        } while (!this.stopped && (published === batchSize || this.again));
      }
      // The table had nothing unsent when the last batch began, and no commit was announced
      // since: from now on commits are published as they are announced.
      if (!this.again) this.announced = true;
      await this.cleanup();
    } catch (error) {
      failed = true;
      this.logger.warn(
        `outbox relay: ${error instanceof Error ? error.message : String(error)}; retrying`,
      );
    }
    // A commit that woke the relay after its last batch began is published at once.
    if (failed) this.schedule(2_000);
    else if (this.again) this.schedule(0, true);
    else this.schedule(this.options.pollIntervalMs ?? 200);
  }

  private async anyUnsent(olderThanMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM outbox WHERE producer = $1 AND sent_at IS NULL
          AND created_at <= now() - make_interval(secs => $2) LIMIT 1`,
      [this.options.producer, olderThanMs / 1000],
    );
    return rows.length > 0;
  }

  /**
   * Marks the oldest unsent rows sent and publishes them, in one transaction: if the publish
   * fails, the transaction rolls back and the rows stay unsent.
   */
  private async publishBatch(batchSize: number): Promise<number> {
    return inRelayTransaction(this.dataSource, this.options.producer, batchSize, async (marked) => {
      if (marked.length === 0) return 0;
      // RETURNING keeps no order: the outbox's order is the rows' ids.
      const rows = marked.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      await this.publish(rows);
      return rows.length;
    });
  }

  /** Sends the messages, each topic's in the order given, and waits for every replica's ack. */
  private async publish(messages: readonly OutboxMessage[]): Promise<void> {
    const byTopic = new Map<string, OutboxMessage[]>();
    for (const row of messages) {
      const ofTopic = byTopic.get(row.topic);
      if (ofTopic) ofTopic.push(row);
      else byTopic.set(row.topic, [row]);
    }
    const sends: SendSpan[] = [];
    const topicMessages = [...byTopic].map(([topic, topicRows]) => {
      const brokerTopic = this.options.namespace.topic(topic);
      return {
        topic: brokerTopic,
        messages: topicRows.map((row) => {
          // Each send continues the trace the row was written in (its stored traceparent).
          const send = startSendSpan({
            topic: brokerTopic,
            headers: row.headers,
            key: row.key,
            messageId: row.headers[MESSAGE_HEADERS.messageId],
            correlationId: row.headers[MESSAGE_HEADERS.correlationId],
          });
          sends.push(send);
          return {
            key: row.key,
            value: row.payload,
            headers: { ...send.headers, [MESSAGE_HEADERS.contentType]: MESSAGE_CONTENT_TYPE },
          };
        }),
      };
    });
    try {
      await this.kafkaProducer.sendBatch({ acks: -1, topicMessages });
    } catch (error) {
      for (const send of sends) send.end(error);
      throw error;
    }
    for (const send of sends) send.end();
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    this.lastCleanup = now;
    await deletePublishedOutboxRows(
      this.dataSource.manager,
      this.options.producer,
      this.options.retentionMinutes ?? DEFAULT_RETENTION_MINUTES,
    );
  }
}

/**
 * Takes up to `limit` of the producer's oldest unsent rows (locked, so another relay of the same
 * producer skips them, and marked sent) and hands them to `work`, inside one transaction that
 * commits when `work` succeeds and rolls back, leaving the rows unsent, when it fails.
 *
 * The transaction's commit does not wait for its WAL to reach disk (`synchronous_commit` off for
 * it alone): all it records is that Kafka holds the rows, and should PostgreSQL crash and lose
 * that, the rows are published again and consumers drop a message id they have seen. The
 * transactions that wrote the rows stay durable.
 *
 * It costs two round trips, where TypeORM's transaction with the same statements costs four:
 * `BEGIN`, the setting and the `UPDATE` go as one simple-protocol query (which takes no
 * parameters, hence the quoted literals), then `COMMIT`. At a low rate each relay pass carries
 * one message, and on the machines measured in docs/benchmarks.md a round trip's system calls
 * cost more CPU than the statement itself.
 */
export async function inRelayTransaction<T>(
  dataSource: DataSource,
  producer: string,
  limit: number,
  work: (rows: OutboxRow[], manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`batch size ${limit}`);
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    let result: T;
    try {
      const answers = (await client.query(
        `BEGIN;
         SET LOCAL synchronous_commit TO OFF;
         UPDATE outbox SET sent_at = now()
          WHERE id IN (SELECT id FROM outbox
                        WHERE producer = ${client.escapeLiteral(producer)} AND sent_at IS NULL
                        ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING id, message_id::text AS "messageId", topic, key, payload::text AS payload, headers`,
      )) as unknown as QueryResult<OutboxRow>[];
      result = await work(answers[2]?.rows ?? [], runner.manager);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined); // the first error is the one to see
      throw error;
    }
    await client.query('COMMIT');
    return result;
  } finally {
    await runner.release();
  }
}

/**
 * Marks published rows sent, in a transaction of its own that commits without waiting for its
 * WAL flush (as {@link inRelayTransaction}'s): losing it only publishes the rows again. One
 * simple-protocol query, so one round trip; the ids go in as a quoted array literal.
 */
async function markSent(dataSource: DataSource, messageIds: readonly string[]): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    await client.query(
      `BEGIN;
       SET LOCAL synchronous_commit TO OFF;
       UPDATE outbox SET sent_at = now()
        WHERE message_id = ANY(${client.escapeLiteral(`{${messageIds.join(',')}}`)}::uuid[])
          AND sent_at IS NULL;
       COMMIT;`,
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
