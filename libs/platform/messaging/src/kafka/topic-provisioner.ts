import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import type { Admin, Kafka } from 'kafkajs';
import { deadLetterTopic } from '@subsync/domain';
import type { KafkaNamespace } from './kafka-namespace';

/** Failed looks at new topics logged without a warning: the first four, about 1.5 s. */
const QUIET_ATTEMPTS = 4;

/**
 * Makes sure the topics a service uses exist (each with its dead-letter topic) with at least the
 * configured number of partitions, each with a leader: missing ones are created, smaller ones
 * grown. Partitions are what lets more processes share a topic's work. Growing moves future
 * messages of a key to another partition; ordering per subscription does not depend on the
 * partition (see ParallelConsumerKafkaJs), and the inbox keeps redeliveries harmless.
 * Services starting together race to create the same topics; losing that race is fine.
 * Topics are named by the registry and created in the namespace (with its prefix).
 */
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);
  private readonly ensured = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    readonly partitions: number,
    private readonly namespace: KafkaNamespace,
  ) {}

  async ensure(topics: readonly string[]): Promise<void> {
    const wanted = [
      ...new Set(
        topics
          .flatMap((topic) => [topic, deadLetterTopic(topic)])
          .map((topic) => this.namespace.topic(topic)),
      ),
    ].filter((topic) => !this.ensured.has(topic));
    if (wanted.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // A topic another process has just created may not have leaders yet: look again shortly.
      await backOff(() => this.provision(admin, wanted), {
        numOfAttempts: 10,
        startingDelay: 200,
        maxDelay: 2_000,
        retry: (error: unknown, attempt: number) => {
          // Right after creating them, the first looks usually find them not ready: expected.
          const line = `topics not ready yet, checking again: ${String(error)}`;
          if (attempt <= QUIET_ATTEMPTS) this.logger.debug(line);
          else this.logger.warn(line);
          return true;
        },
      });
      wanted.forEach((topic) => this.ensured.add(topic));
    } finally {
      await admin.disconnect();
    }
  }

  private async provision(admin: Admin, wanted: string[]): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: this.partitions })),
        });
      } catch (error) {
        if (!createdByAnother(error)) throw error;
      }
    }
    const { topics: described } = await admin.fetchTopicMetadata({ topics: wanted });
    const small = described.filter((topic) => topic.partitions.length < this.partitions);
    if (small.length > 0) {
      try {
        await admin.createPartitions({
          topicPartitions: small.map((topic) => ({ topic: topic.name, count: this.partitions })),
        });
        for (const topic of small) {
          this.logger.log(
            `grew ${topic.name} from ${topic.partitions.length} to ${this.partitions} partitions`,
          );
        }
      } catch (error) {
        if (!createdByAnother(error)) throw error;
      }
      throw new Error(
        `partitions of ${small.map((topic) => topic.name).join(', ')} not all visible yet`,
      );
    }
    const leaderless = described.filter((topic) =>
      topic.partitions.some((partition) => partition.leader < 0),
    );
    if (leaderless.length > 0) {
      throw new Error(
        `${leaderless.map((topic) => topic.name).join(', ')} have partitions without a leader`,
      );
    }
  }
}

/** Another process created the topic (or its partitions) first. */
function createdByAnother(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] } | null)?.errors;
  const types = [
    (error as { type?: string } | null)?.type,
    ...(Array.isArray(errors) ? errors.map((e) => e.type) : []),
  ];
  return types.some((type) => type === 'TOPIC_ALREADY_EXISTS' || type === 'INVALID_PARTITIONS');
}
