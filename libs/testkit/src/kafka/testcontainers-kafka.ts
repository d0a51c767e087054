import {
  GenericContainer,
  type InspectResult,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { LogTail } from '../process/log-tail';
import { type KafkaInstance, type StartKafkaOptions } from './kafka-instance';
import { newClusterId } from './kafka-cluster-id';
import { waitForKafkaReady } from './kafka-readiness';
import { KAFKA_IMAGE, KAFKA_VERSION } from './kafka-version';

const PLAINTEXT_PORT = 9092;
const BROKER_PORT = 9093;
const CONTROLLER_PORT = 9094;
const STARTER_SCRIPT = '/tmp/testcontainers_start.sh';
/** Written after the script, so the loop never execs it while docker cp still holds it ("Text file busy"). */
const STARTER_READY = '/tmp/testcontainers_start.ready';
const WAITING_MESSAGE = 'subsync: waiting for the starter script';

/**
 * The official apache/kafka image in KRaft mode. @testcontainers/kafka 11 only knows Confluent's
 * cp-kafka images (its KRaft check rejects tags below 7.0.0, and it starts /etc/confluent/docker/run),
 * so this follows testcontainers-java's org.testcontainers.kafka.KafkaContainer instead: the
 * container waits for a starter script, which is written once the mapped port (and with it the
 * advertised listener) is known.
 */
class ApacheKafkaContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.withExposedPorts(PLAINTEXT_PORT)
      .withEnvironment({
        CLUSTER_ID: newClusterId(),
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${PLAINTEXT_PORT},BROKER://0.0.0.0:${BROKER_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
          'BROKER:PLAINTEXT,PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '10',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_NUM_PARTITIONS: '3',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
        KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m',
      })
      // Only the command is replaced (as testcontainers-java does); the image's entrypoint stays.
      .withCommand([
        'sh',
        '-c',
        `echo '${WAITING_MESSAGE}'; while [ ! -f ${STARTER_READY} ]; do sleep 0.1; done; exec ${STARTER_SCRIPT}`,
      ])
      .withWaitStrategy(Wait.forLogMessage(WAITING_MESSAGE))
      .withStartupTimeout(180_000);
  }

  protected override async containerStarted(
    container: StartedTestContainer,
    inspectResult: InspectResult,
  ): Promise<void> {
    const advertised =
      `PLAINTEXT://${container.getHost()}:${container.getMappedPort(PLAINTEXT_PORT)},` +
      `BROKER://${inspectResult.hostname}:${BROKER_PORT}`;
    const script = `#!/bin/sh\nexport KAFKA_ADVERTISED_LISTENERS=${advertised}\nexec /etc/kafka/docker/run\n`;
    await container.copyContentToContainer([
      { content: script, target: STARTER_SCRIPT, mode: 0o755 },
    ]);
    await container.copyContentToContainer([{ content: '', target: STARTER_READY }]);
  }
}

export async function startTestcontainersKafka(
  options: StartKafkaOptions = {},
): Promise<KafkaInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  if (options.dataDir) {
    log(`Testcontainers Kafka is always ephemeral; dataDir ${options.dataDir} is ignored.`);
  }
  const tail = new LogTail(400);
  tail.onLine(log);
  const container = await new ApacheKafkaContainer(KAFKA_IMAGE)
    .withLogConsumer((stream) => tail.follow(stream))
    .start();
  const brokers = [`${container.getHost()}:${container.getMappedPort(PLAINTEXT_PORT)}`];
  try {
    await waitForKafkaReady({
      brokers,
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      description: `Testcontainers Kafka (${KAFKA_IMAGE})`,
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
