import { createDatabase, uniqueDatabaseName } from '@subsync/local-infra';

/**
 * Creates a fresh, uniquely named database on the test server (DATABASE_URL, exported by the
 * global setup) and returns its URL. Names look like `<prefix>_<time>_<random>`.
 */
export async function createTestDatabase(prefix: string): Promise<string> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    throw new Error(
      'DATABASE_URL is not set: run this from a Jest project that uses the testkit global setup.',
    );
  }
  return createDatabase(serverUrl, uniqueDatabaseName(prefix));
}

/** The comma-separated KAFKA_BROKERS exported by the global setup, as kafkajs wants them. */
export function testKafkaBrokers(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) {
    throw new Error(
      'KAFKA_BROKERS is not set: run this from a Jest project that uses the testkit global setup.',
    );
  }
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}
