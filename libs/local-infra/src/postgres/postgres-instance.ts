import { choosePostgresProvider } from '../infra/provider-choice';

export type PostgresProvider = 'embedded' | 'testcontainers';

export interface PostgresInstance {
  /** Admin URL, connected to the "postgres" database. */
  url: string;
  provider: PostgresProvider;
  /** Embedded with a lasting data folder: where the cluster is (see StartPostgresOptions.dataDir). */
  dataDir?: string;
  /** Creates a database on this server (if it does not exist yet) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes a temporary data dir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** 'auto' (default) honours SUBSYNC_INFRA, then prefers embedded PostgreSQL, then Testcontainers. */
  provider?: 'auto' | PostgresProvider;
  /**
   * Embedded only: a directory that persists across runs. Default: a temp dir deleted on stop. As
   * root, when the "postgres" user cannot reach it, the cluster lives in /var/tmp instead
   * (`PostgresInstance.dataDir` says where).
   */
  dataDir?: string;
  /** Receives the server's log output. */
  log?: (line: string) => void;
  /** How long to wait for the server to accept connections. Default 60 s. */
  readyTimeoutMs?: number;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresInstance> {
  const provider = await choosePostgresProvider(options.provider);
  // Imported on demand so that each path loads only what it needs.
  if (provider === 'embedded') {
    const { startEmbeddedPostgres } = await import('./embedded-postgres');
    return startEmbeddedPostgres(options);
  }
  const { startTestcontainersPostgres } = await import('./testcontainers-postgres');
  return startTestcontainersPostgres(options);
}
