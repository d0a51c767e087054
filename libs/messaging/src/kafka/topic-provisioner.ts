import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@subsync/domain';

/**
 * Makes sure the topics a service uses exist (each with its dead-letter topic) with at least the
 * configured number of partitions: missing ones are created, smaller ones grown. Partitions are
 * what lets more processes share a topic's work. Growing moves future messages of a key to
 * another partition; ordering per subscription does not depend on the partition (see
 * ParallelConsumerKafkaJs), and the inbox keeps redeliveries harmless.
 */
export class TopicProvisioner {
  private readonly logger = new Logger(TopicProvisioner.name);
  private readonly ensured = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    readonly partitions: number,
  ) {}

  async ensure(topics: readonly string[]): Promise<void> {
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))].filter(
      (topic) => !this.ensured.has(topic),
    );
    if (wanted.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: this.partitions })),
        });
      }
      const present = wanted.filter((topic) => existing.has(topic));
      if (present.length > 0) {
        const { topics: described } = await admin.fetchTopicMetadata({ topics: present });
        const small = described.filter((topic) => topic.partitions.length < this.partitions);
        if (small.length > 0) {
          await admin.createPartitions({
            topicPartitions: small.map((topic) => ({ topic: topic.name, count: this.partitions })),
          });
          for (const topic of small) {
            this.logger.log(
              `grew ${topic.name} from ${topic.partitions.length} to ${this.partitions} partitions`,
            );
          }
        }
      }
      wanted.forEach((topic) => this.ensured.add(topic));
    } finally {
      await admin.disconnect();
    }
  }
}
