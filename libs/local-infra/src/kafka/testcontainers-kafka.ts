// Jest loads its global setup, which starts Kafka, without moduleNameMapper: no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ApacheKafkaContainer } from '../../../testing/testcontainers/src/apache-kafka-container';
import { LogTail } from '../process/log-tail';
import { type KafkaInstance, type StartKafkaOptions } from './kafka-instance';
import { waitForKafkaReady } from './kafka-readiness';
import { KAFKA_VERSION, kafkaImage } from './kafka-version';

export async function startTestcontainersKafka(
  options: StartKafkaOptions = {},
): Promise<KafkaInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  if (options.dataDir) {
    log(`Testcontainers Kafka is always ephemeral; dataDir ${options.dataDir} is ignored.`);
  }
  const image = kafkaImage();
  const tail = new LogTail(400);
  tail.onLine(log);
  const container = await new ApacheKafkaContainer(image)
    .withLogConsumer((stream) => tail.follow(stream))
    .start();
  const brokers = [container.getBrokers()];
  try {
    await waitForKafkaReady({
      brokers,
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      description: `Testcontainers Kafka (${image})`,
      logTail: () => tail.format(80),
    });
  } catch (error) {
    await container.stop();
    throw error;
  }
  log(
    `Kafka ${KAFKA_VERSION} container ready on ${brokers.join(',')} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  let stopping: Promise<void> | undefined;
  return {
    brokers,
    provider: 'testcontainers',
    stop: () =>
      (stopping ??= (async () => {
        await container.stop();
      })()),
    crashAndRestart: () =>
      // A restarted container may come back on another mapped port, and the broker advertises
      // the old one: the fault suites run this on a local broker only.
      Promise.reject(new Error('crashAndRestart needs a local broker (SUBSYNC_INFRA=local)')),
  };
}
