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
}

const DEFAULT_RETENTION_MINUTES = 10;
/** So a published row lives at most about a retention plus this. */
const CLEANUP_INTERVAL_MS = 60_000;

export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  /** The envelope as JSON text, as it goes on the wire. */
  payload: string;
  headers: Record<string, string>;
}

/**
 * Publishes this service's outbox rows to Kafka in order, marking them sent in the same
 * transaction that locked them. A crash between publish and commit publishes a row again;
 * consumers dedupe on the message id.
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
   * partial index on unsent rows, asked when metrics are scraped, never per message.
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
    await this.draining;
    // Announce what committed just before shutdown now rather than at the next start.
    try {
      while ((await this.publishBatch(this.options.batchSize ?? 200)) > 0);
    } catch (error) {
      this.logger.warn(`outbox relay: final drain failed, rows stay queued: ${String(error)}`);
    }
    await this.kafkaProducer.disconnect();
  }

  /** Publish now: called after a transaction that wrote to the outbox has committed. */
  wake(): void {
    if (this.stopped) return;
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

  private async drain(woken: boolean): Promise<void> {
    let failed = false;
    const batchSize = this.options.batchSize ?? 200;
    try {
      // A poll finds nothing most of the time (commits wake the relay): one indexed read then,
      // instead of a transaction. Rows of another process with the same producer name, or
      // left by a crash, are found this way.
      if (woken || (await this.anyUnsent())) {
        let published: number;
        do {
          this.again = false;
          published = await this.publishBatch(batchSize);
          // A short batch took every row committed before it began; rows committed since woke
          // the relay (`again`), so no empty round of locking is needed to be sure.
        } while (!this.stopped && (published === batchSize || this.again));
      }
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

  private async anyUnsent(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM outbox WHERE producer = $1 AND sent_at IS NULL LIMIT 1`,
      [this.options.producer],
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
      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
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
      return rows.length;
    });
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
          RETURNING id, topic, key, payload::text AS payload, headers`,
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
