import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { createDatabase } from './postgres-admin';
import { type PostgresInstance, type StartPostgresOptions } from './postgres-instance';
import { postgresImage } from './postgres-version';

export async function startTestcontainersPostgres(
  options: StartPostgresOptions = {},
): Promise<PostgresInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  if (options.dataDir) {
    log(`Testcontainers PostgreSQL is always ephemeral; dataDir ${options.dataDir} is ignored.`);
  }
  const container = await new PostgreSqlContainer(postgresImage())
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    .withStartupTimeout(options.readyTimeoutMs ?? 120_000)
    .start();
  const url = container.getConnectionUri();
  log(
    `PostgreSQL container ready on ${container.getHost()}:${container.getPort()} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  let stopping: Promise<void> | undefined;
  return {
    url,
    provider: 'testcontainers',
    createDatabase: (name) => createDatabase(url, name),
    stop: () =>
      (stopping ??= (async () => {
        await container.stop();
      })()),
  };
}
