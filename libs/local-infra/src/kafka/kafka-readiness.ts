import { Kafka, logLevel } from 'kafkajs';

/** A topic the probe creates to prove the controller really accepts metadata changes. */
export const READINESS_TOPIC = '__subsync_readiness';
const READINESS_GROUP = '__subsync_readiness';

export interface KafkaReadinessOptions {
  brokers: string[];
  timeoutMs: number;
  /** e.g. "local Kafka 4.3.1", for the error message. */
  description: string;
  /** The broker log tail, appended to errors. */
  logTail: () => string;
  /** Returns a reason once the broker can no longer become ready (its process exited). */
  failure?: () => string | undefined;
}

/**
 * Waits until kafkajs can really use the broker: describeCluster answers, a topic can be created
 * and listed, and the group coordinator answers. A listening port alone is not enough: KRaft accepts connections before the
 * controller has elected itself.
 */
export async function waitForKafkaReady(options: KafkaReadinessOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no attempt finished';
  for (;;) {
    const failure = options.failure?.();
    if (failure) {
      throw new Error(
        `${options.description} failed to start: ${failure}\n--- broker log (tail) ---\n${options.logTail()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${options.description} at ${options.brokers.join(',')} was not ready after ${options.timeoutMs / 1000} s ` +
          `(last error: ${lastError})\n--- broker log (tail) ---\n${options.logTail()}`,
      );
    }
    try {
      await probeOnce(options.brokers);
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function probeOnce(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'subsync-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) {
      throw new Error('cluster has no broker or no active controller yet');
    }
    await admin.createTopics({
      topics: [{ topic: READINESS_TOPIC, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
      timeout: 5_000,
    });
    const topics = await admin.listTopics();
    if (!topics.includes(READINESS_TOPIC)) {
      throw new Error(`topic ${READINESS_TOPIC} was created but is not listed yet`);
    }
    // Also wait for the group coordinator (it creates __consumer_offsets on first use), so that
    // consumers joining right after start-up don't each start with "coordinator not available".
    await admin.fetchOffsets({ groupId: READINESS_GROUP, topics: [READINESS_TOPIC] });
  } finally {
    await admin.disconnect();
  }
}
