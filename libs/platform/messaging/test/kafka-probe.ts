import type { Kafka, KafkaMessage } from 'kafkajs';

/** Reads a topic from the beginning in a fresh group and collects messages matching a predicate. */
export async function collectMessages(
  kafka: Kafka,
  topic: string,
  predicate: (message: KafkaMessage) => boolean,
  count: number,
  timeoutMs = 30_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `probe-${globalThis.crypto.randomUUID()}` });
  const found: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`saw ${found.length} of ${count} expected messages on ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: ({ message }) => {
          if (predicate(message)) found.push(message);
          if (found.length >= count) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

export function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}
