import {
  AbstractStartedContainer,
  GenericContainer,
  type InspectResult,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';

/** The listener clients outside Docker use (mapped to a host port). */
const HOST_PORT = 9092;
/** The listener containers on the same network use, and the brokers among themselves. */
const NETWORK_PORT = 9093;
const CONTROLLER_PORT = 9094;
const STARTER_SCRIPT = '/tmp/testcontainers_start.sh';
/** Written after the script, so the loop never execs it while docker cp still holds it ("Text file busy"). */
const STARTER_READY = '/tmp/testcontainers_start.ready';
const WAITING_MESSAGE = 'subsync: waiting for the starter script';
const CLUSTER_ID = '4L6g3nShT-eMCtK--X86sw';

/**
 * A single-node Kafka in KRaft mode, from any image with the apache/kafka contract (the official
 * image, or the one tools/containers builds). @testcontainers/kafka 11 only knows Confluent's
 * cp-kafka images, so this follows testcontainers-java's org.testcontainers.kafka.KafkaContainer:
 * the container waits for a starter script, written once the mapped port (and with it the
 * advertised listener) is known. It advertises two listeners: one on the host's mapped port for
 * the test process, one on the container's network address for other containers.
 */
export class ApacheKafkaContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.withExposedPorts(HOST_PORT)
      .withEnvironment({
        // Every container is a new cluster, so a fixed id will do (testcontainers-java's too).
        CLUSTER_ID,
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${HOST_PORT},BROKER://0.0.0.0:${NETWORK_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
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

  override async start(): Promise<StartedApacheKafkaContainer> {
    return new StartedApacheKafkaContainer(await super.start());
  }

  protected override async containerStarted(
    container: StartedTestContainer,
    inspectResult: InspectResult,
  ): Promise<void> {
    const advertised =
      `PLAINTEXT://${container.getHost()}:${container.getMappedPort(HOST_PORT)},` +
      `BROKER://${networkAddress(inspectResult)}:${NETWORK_PORT}`;
    const script = `#!/bin/sh\nexport KAFKA_ADVERTISED_LISTENERS=${advertised}\nexec /etc/kafka/docker/run\n`;
    await container.copyContentToContainer([
      { content: script, target: STARTER_SCRIPT, mode: 0o755 },
    ]);
    await container.copyContentToContainer([{ content: '', target: STARTER_READY }]);
  }
}

export class StartedApacheKafkaContainer extends AbstractStartedContainer {
  /** `host:port` for clients in the test process. The broker may take a few seconds more to answer. */
  getBrokers(): string {
    return `${this.getHost()}:${this.getMappedPort(HOST_PORT)}`;
  }

  /** `address:port` for other containers on the same network. */
  getNetworkBrokers(): string {
    const [network] = this.getNetworkNames();
    if (network === undefined) throw new Error('the Kafka container is on no network');
    return `${this.getIpAddress(network)}:${NETWORK_PORT}`;
  }
}

/** The container's address on its (first) network: reachable from every container on it. */
function networkAddress(inspectResult: InspectResult): string {
  const [settings] = Object.values(inspectResult.networkSettings);
  return settings?.ipAddress || inspectResult.hostname;
}
