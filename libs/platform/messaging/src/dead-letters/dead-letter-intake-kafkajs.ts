import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  ALL_TOPICS,
  createEnvelope,
  deadLetterEvent,
  type DeadLetterEvent,
  deadLetterTopic,
  type DeadLetterProvenance,
  escapeNulCharacters,
  Topics,
} from '@subsync/domain';
import { DEAD_LETTERED, recordDeadLetteredEvent } from '@subsync/persistence';
import { classifyFailure, describeError } from '../errors/message-errors';
import { ParallelConsumerKafkaJs } from '../kafka/consumer/parallel-consumer-kafkajs';
import { readDeadLetter } from '../kafka/dead-letter';
import type { KafkaNamespace } from '../kafka/kafka-namespace';
import type { TopicProvisioner } from '../kafka/topic-provisioner';
import type { OutboxTypeOrm } from '../outbox/outbox-typeorm';

export interface DeadLetterIntakeOptions {
  kafka: Kafka;
  /** Whose dead-letter topics to read; Events keep the logical topic names. */
  namespace: KafkaNamespace;
  topics: TopicProvisioner;
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

/** Attempts at storing a record in full before a summary of it is stored instead. */
const FULL_ATTEMPTS = 3;
/** How much of a record's original value a summary keeps. */
const SUMMARY_VALUE_LENGTH = 2_000;

/**
 * Turns every record of every `*.dlt` topic into a failed Event, so nothing sits unseen in a
 * topic. Records are stored in parallel, each on its own, so one that cannot be stored never
 * holds up the others: NUL characters (which PostgreSQL refuses) are escaped, and a record that
 * still cannot be stored in full is stored as a summary. An offset is committed only once its
 * record and every record before it committed; while PostgreSQL is down, storing is retried
 * until it is back, and a redelivered record changes nothing twice.
 */
export class DeadLetterIntakeKafkaJs {
  private readonly logger = new Logger(DeadLetterIntakeKafkaJs.name);
  private consumer?: ParallelConsumerKafkaJs<DeadLetterProvenance>;
  private running = false;

  constructor(private readonly options: DeadLetterIntakeOptions) {}

  async start(): Promise<void> {
    const topics = ALL_TOPICS.map(deadLetterTopic);
    await this.options.topics.ensure(ALL_TOPICS);
    this.running = true;
    this.consumer = new ParallelConsumerKafkaJs<DeadLetterProvenance>({
      kafka: this.options.kafka,
      namespace: this.options.namespace,
      groupId: this.options.groupId ?? DEAD_LETTER_GROUP,
      topics,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 30_000,
      maxInFlight: 8,
      prepare: (records) =>
        Promise.resolve(
          records.map((record) => ({
            key: `${record.topic}|${record.partition}|${record.offset}`,
            item: readDeadLetter(record.topic, record.partition, record.message),
          })),
        ),
      run: async (_key, letters) => {
        for (const letter of letters) await this.store(letter);
      },
    });
    await this.consumer.start();
    this.logger.log(
      `recording dead letters from ${topics.map((topic) => this.options.namespace.topic(topic)).join(', ')}`,
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  /** Stores the record; retried while PostgreSQL is down, summarised if it cannot be stored whole. */
  private async store(letter: DeadLetterProvenance): Promise<void> {
    const where = `${letter.deadLetterTopic}[${letter.deadLetterPartition}]@${letter.deadLetterOffset}`;
    let failures = 0;
    await backOff(
      async () => {
        const summarised = failures >= FULL_ATTEMPTS;
        await this.record(summarised ? summaryOf(letter) : letter, summarised);
      },
      {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: 200,
        maxDelay: 5_000,
        jitter: 'full',
        retry: (error: unknown) => {
          // An outage does not count against the record: it is stored in full once it ends.
          if (classifyFailure(error) !== 'infrastructure') failures += 1;
          this.logger.warn(
            `${where}: recording the dead letter failed${failures >= FULL_ATTEMPTS ? ', storing a summary instead' : ''}: ${describeError(error).message}`,
          );
          if (!this.running) throw new Error(`${where}: stopped before it was recorded`);
          return true;
        },
      },
    );
  }

  private async record(letter: DeadLetterProvenance, summarised: boolean): Promise<void> {
    const safe = escapeNulCharacters(letter);
    const event: DeadLetterEvent = escapeNulCharacters(
      summarised ? { ...deadLetterEvent(letter), request: null } : deadLetterEvent(letter),
    );
    const now = this.options.now?.() ?? new Date();
    const messages = await this.options.dataSource.transaction(async (manager) => {
      const recorded = await recordDeadLetteredEvent(manager, {
        id: deadLetterEventId(letter),
        event,
        provenance: safe,
        now,
      });
      // Whoever waits for that Event (an HTTP caller, say) hears that it failed.
      if (!recorded.completedQueued || event.provider === null) return [];
      return this.options.outbox.enqueue(
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
            reason: event.reason,
          },
        }),
      );
    });
    this.options.outbox.notifyCommitted(messages);
  }
}

/** What is kept of a record that could not be stored whole: its provenance and the start of its value. */
function summaryOf(letter: DeadLetterProvenance): DeadLetterProvenance {
  const value = letter.value;
  return {
    ...letter,
    value:
      value === null || value.length <= SUMMARY_VALUE_LENGTH
        ? value
        : `${value.slice(0, SUMMARY_VALUE_LENGTH)}… (${value.length} characters in all)`,
    headers: {},
  };
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
