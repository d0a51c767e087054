import type { DataSource } from 'typeorm';

// Any constant works; it only has to be the same for every service that migrates this database.
const MIGRATION_LOCK = 7_361_004_221;

/**
 * Applies pending migrations. Every service calls this at start, so an advisory lock makes
 * concurrent starts take turns instead of racing to create the same tables.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
