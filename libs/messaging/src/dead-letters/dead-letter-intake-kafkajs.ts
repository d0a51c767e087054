import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  ALL_TOPICS,
  createEnvelope,
  deadLetterEvent,
  deadLetterTopic,
  type DeadLetterProvenance,
  Topics,
} from '@subsync/domain';
import { DEAD_LETTERED, recordDeadLetteredEvent } from '@subsync/persistence';
import { describeError } from '../errors/message-errors';
import { readDeadLetter } from '../kafka/dead-letter';
import { ensureTopics } from '../kafka/topic-provisioner';
import type { OutboxTypeOrm } from '../outbox/outbox-typeorm';

export interface DeadLetterIntakeOptions {
  kafka: Kafka;
  dataSource: DataSource;
  outbox: OutboxTypeOrm;
  /** The envelope `source` of the `sync.completed.v1` sent for a queued Event that failed here. */
  source: string;
  groupId?: string;
  sessionTimeoutMs?: number;
  now?: () => Date;
}

/** One consumer group reads every dead-letter topic, whichever instance runs it. */
export const DEAD_LETTER_GROUP = 'subsync.dead-letters';

/**
 * Turns every record of every `*.dlt` topic into a failed Event, so nothing sits unseen in a
 * topic. A record's offset is committed only after its Event committed; recording is retried
 * until PostgreSQL takes it, and a redelivered record changes nothing twice.
 */
export class DeadLetterIntakeKafkaJs {
  private readonly logger = new Logger(DeadLetterIntakeKafkaJs.name);
  private consumer?: Consumer;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: DeadLetterIntakeOptions) {}

  async start(): Promise<void> {
    const { kafka } = this.options;
    const topics = ALL_TOPICS.map(deadLetterTopic);
    await ensureTopics(kafka, ALL_TOPICS);
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    this.consumer = kafka.consumer({
      groupId: this.options.groupId ?? DEAD_LETTER_GROUP,
      sessionTimeout,
      heartbeatInterval: Math.floor(sessionTimeout / 4),
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    for (const topic of topics) await this.consumer.subscribe({ topic, fromBeginning: true });
    this.running = true;
    await this.consumer.run({
      autoCommit: false,
      eachMessage: (payload) => this.track(this.handle(payload)),
    });
    this.logger.log(`recording dead letters from ${topics.join(', ')}`);
  }

  async stop(): Promise<void> {
    if (this.consumer === undefined) return;
    this.running = false;
    await Promise.allSettled([...this.inFlight]);
    await this.consumer
      .disconnect()
      .catch((e: unknown) => this.logger.warn(`consumer disconnect: ${String(e)}`));
    this.consumer = undefined;
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async handle(payload: EachMessagePayload): Promise<void> {
    const { topic, partition, message } = payload;
    if (!this.running) return;
    const letter = readDeadLetter(topic, partition, message);
    try {
      await backOff(() => this.record(letter), {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: 200,
        maxDelay: 5_000,
        jitter: 'full',
        retry: (error: unknown) => {
          this.logger.warn(
            `${topic}[${partition}]@${message.offset}: recording the dead letter failed, retrying: ${describeError(error).message}`,
          );
          void payload.heartbeat().catch(() => undefined);
          return this.running;
        },
      });
    } catch {
      return; // shutting down: left uncommitted, so it is read again
    }
    const next = (BigInt(message.offset) + 1n).toString();
    await this.consumer?.commitOffsets([{ topic, partition, offset: next }]);
  }

  private async record(letter: DeadLetterProvenance): Promise<void> {
    const event = deadLetterEvent(letter);
    const now = this.options.now?.() ?? new Date();
    await this.options.dataSource.transaction(async (manager) => {
      const recorded = await recordDeadLetteredEvent(manager, {
        id: deadLetterEventId(letter),
        event,
        provenance: letter,
        now,
      });
      // Whoever waits for that Event (an HTTP caller, say) hears that it failed.
      if (recorded.completedQueued && event.provider !== null) {
        await this.options.outbox.enqueue(
          manager,
          Topics.syncCompleted,
          createEnvelope({
            topic: Topics.syncCompleted,
            source: this.options.source,
            ...(event.correlationId === null ? {} : { correlationId: event.correlationId }),
            now,
            data: {
              provider: event.provider,
              ref: event.ref,
              status: 'failed',
              subscriptionId: null,
              ownerId: null,
              eventId: recorded.eventId,
              changes: [],
              error: { code: DEAD_LETTERED, message: event.reason },
            },
          }),
        );
      }
    });
    this.options.outbox.notifyCommitted();
  }
}

/**
 * The same id for every copy of one original message (each consumer group that gave up on it
 * dead-letters its own copy), so one bad message is one Event. The timestamp keeps a message at
 * the same position of a recreated topic from being taken for an earlier one.
 */
export function deadLetterEventId(letter: DeadLetterProvenance): string {
  const digest = createHash('sha256')
    .update(`${letter.topic}\n${letter.partition}\n${letter.offset}\n${letter.timestamp ?? ''}`)
    .digest('hex');
  return `event-${digest.slice(0, 32)}`;
}
