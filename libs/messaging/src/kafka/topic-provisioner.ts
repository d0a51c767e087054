import type { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@subsync/domain';

export const DEFAULT_PARTITIONS = 3;

/** Creates the topics (and their dead-letter topics) a service uses, if they are missing. */
export async function ensureTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: DEFAULT_PARTITIONS })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
