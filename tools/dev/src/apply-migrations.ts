import { createDataSource, runMigrations } from '@subsync/persistence';

/** Applies pending migrations to one database and says what it did. */
export async function applyMigrations(
  databaseUrl: string,
  applicationName: string,
  say: (line: string) => void,
): Promise<void> {
  const dataSource = createDataSource(databaseUrl, applicationName);
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    say(
      applied.length > 0
        ? `migrations applied: ${applied.join(', ')}`
        : 'database schema is up to date',
    );
  } finally {
    await dataSource.destroy();
  }
}
