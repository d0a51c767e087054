import { randomBytes } from 'node:crypto';
import {
  AbstractStartedContainer,
  GenericContainer,
  type StartedNetwork,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { type StartedApacheKafkaContainer } from './apache-kafka-container';

const GATEWAY_PORT = 3000;
/** What the image's `all` command prints once the four services are ready. */
const READY_MESSAGE = 'subsync is running';

/** The image the build script tags, unless SUBSYNC_IMAGE names another. */
export function subsyncImage(): string {
  return process.env['SUBSYNC_IMAGE']?.trim() || 'subsync/subsync:latest';
}

/** The parts of a PostgreSqlContainer (@testcontainers/postgresql) that subsync needs. */
export interface PostgresLike {
  getUsername(): string;
  getPassword(): string;
  getDatabase(): string;
  getIpAddress(networkName: string): string;
}

/**
 * subsync as one container (the image's `all` command: migrations, the Zuora and Stripe
 * sandboxes unless ZUORA_BASE_URL / STRIPE_API_BASE are set, and the four services), next to the
 * suite's own Kafka and PostgreSQL on a shared network. Tokens are signed with a random
 * AUTH_JWT_SECRET unless the suite sets one; `withEnvironment` sets any other variable.
 */
export class SubsyncContainer extends GenericContainer {
  private network?: StartedNetwork;
  private kafka?: StartedApacheKafkaContainer;
  private postgres?: PostgresLike;

  constructor(image: string = subsyncImage()) {
    super(image);
    this.withCommand(['all'])
      .withExposedPorts(GATEWAY_PORT)
      .withEnvironment({ AUTH_JWT_SECRET: randomBytes(32).toString('hex') })
      .withWaitStrategy(Wait.forLogMessage(READY_MESSAGE))
      .withStartupTimeout(180_000);
  }

  override withNetwork(network: StartedNetwork): this {
    this.network = network;
    return super.withNetwork(network);
  }

  /** The Kafka that subsync uses: on the same network, and readable from the test process. */
  withKafka(kafka: StartedApacheKafkaContainer): this {
    this.kafka = kafka;
    return this;
  }

  /** The PostgreSQL server and database that subsync migrates and uses. */
  withPostgres(postgres: PostgresLike): this {
    this.postgres = postgres;
    return this;
  }

  override async start(): Promise<StartedSubsyncContainer> {
    const { network, kafka, postgres } = this;
    if (!network || !kafka || !postgres) {
      throw new Error('SubsyncContainer needs withNetwork(), withKafka() and withPostgres()');
    }
    const user = encodeURIComponent(postgres.getUsername());
    const password = encodeURIComponent(postgres.getPassword());
    const address = postgres.getIpAddress(network.getName());
    this.withEnvironment({
      KAFKA_BROKERS: kafka.getNetworkBrokers(),
      DATABASE_URL: `postgresql://${user}:${password}@${address}:5432/${postgres.getDatabase()}`,
    });
    const started = await super.start();
    return new StartedSubsyncContainer(started, kafka.getBrokers(), await mintToken(started));
  }
}

export class StartedSubsyncContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    private readonly brokers: string,
    private readonly token: string,
  ) {
    super(started);
  }

  /** The gateway's base URL, e.g. `http://localhost:32768`. */
  getGatewayUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(GATEWAY_PORT)}`;
  }

  /** A bearer token with every operator role (read, operate, administer), valid for 8 hours. */
  getToken(): string {
    return this.token;
  }

  /** The Kafka bootstrap address for the test process, to read `sync.completed.v1` for one. */
  getBrokers(): string {
    return this.brokers;
  }
}

/** The image signs it with the container's own AUTH_JWT_SECRET and roles claim settings. */
async function mintToken(container: StartedTestContainer): Promise<string> {
  const result = await container.exec([
    'subsync',
    'mint-token',
    '--subject',
    'testcontainers',
    '--roles',
    'read,operate,administer',
    '--hours',
    '8',
  ]);
  if (result.exitCode !== 0) {
    throw new Error(`subsync mint-token failed: ${result.output.trim()}`);
  }
  return result.stdout.trim();
}
