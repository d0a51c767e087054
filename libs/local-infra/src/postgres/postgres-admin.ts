import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** SQLSTATE duplicate_database. */
const DUPLICATE_DATABASE = '42P04';

/** The URL of database `name` on the server behind `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `<prefix>_<time>_<random>`: unique across parallel workers and reruns, and a valid identifier. */
export function uniqueDatabaseName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z_]/, '_$&')
      .slice(0, 40) || 'test';
  return `${clean}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Creates database `name` (unless it exists) through `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!DATABASE_NAME.test(name)) {
    throw new Error(
      `Invalid database name "${name}": use lower-case letters, digits and _ (max 63).`,
    );
  }
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Already there (a persistent dev cluster on its second start): that database is the answer.
    if ((error as { code?: unknown }).code !== DUPLICATE_DATABASE) {
      throw error;
    }
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

/**
 * Polls until `SELECT 1` succeeds, so callers never race the server's start-up. `failed` ends the
 * wait early with its reason (a server process that already exited).
 */
export async function waitForPostgres(
  url: string,
  timeoutMs: number,
  failed: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = failed();
    if (failure !== undefined) throw new Error(failure);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL at ${redactPassword(url)} did not accept connections: ${String(error)}`,
        );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) {
    parsed.password = '***';
  }
  return parsed.toString();
}
