import 'reflect-metadata';
import { loadConfigOrExit, readInfraConfig } from '@subsync/config';
import { applyMigrations } from './apply-migrations';

// `node dist/tools/dev/src/migrate.js`: applies the database migrations once and exits (the
// container image's `migrate` command). Needs DATABASE_URL and KAFKA_BROKERS, like every service.

const { databaseUrl } = loadConfigOrExit(() => readInfraConfig(process.env));
applyMigrations(databaseUrl, 'subsync-migrate', (line) => process.stdout.write(`${line}\n`)).catch(
  (error: unknown) => {
    process.stderr.write(
      `migrate failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
