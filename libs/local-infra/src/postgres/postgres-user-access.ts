import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The OS account PostgreSQL runs as when this process is root (PostgreSQL refuses root). */
export const POSTGRES_OS_USER = 'postgres';

export interface OsUser {
  uid: number;
  gid: number;
}

/** Whether this process runs as root, where PostgreSQL refuses to start. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    const out = execFileSync('id', [flag, POSTGRES_OS_USER], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return Number(out.trim());
  } catch {
    return undefined;
  }
}

/** uid and gid of the OS user "postgres", if it exists. */
export function postgresOsUser(): OsUser | undefined {
  const uid = idOf('-u');
  const gid = idOf('-g');
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

/** The "postgres" OS user, created (as a system user without a home) when missing. Root only. */
export function ensurePostgresOsUser(): OsUser {
  const existing = postgresOsUser();
  if (existing) return existing;
  try {
    // A "postgres" group without the user (a removed package left it): join it.
    const groupExists = hasGroup(POSTGRES_OS_USER);
    execFileSync(
      'useradd',
      [
        '--system',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        ...(groupExists ? ['--gid', POSTGRES_OS_USER] : ['--user-group']),
        POSTGRES_OS_USER,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    // Another run may have created it meanwhile; only a user that still is not there is an error.
    const created = postgresOsUser();
    if (created) return created;
    throw new Error(
      `Embedded PostgreSQL runs as the "${POSTGRES_OS_USER}" user when started as root, and that user ` +
        `could not be created (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ` +
        `Create it (useradd --system ${POSTGRES_OS_USER}), run as another user, or set DATABASE_URL.`,
    );
  }
  const created = postgresOsUser();
  if (!created) throw new Error(`useradd ${POSTGRES_OS_USER} succeeded but the user is not there`);
  return created;
}

function hasGroup(name: string): boolean {
  try {
    execFileSync('getent', ['group', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first folder on the way down to `path` that the "postgres" user may not enter, if any.
 * Folders that do not exist yet are skipped: whoever creates them decides their mode.
 */
export function blockedAncestor(path: string): string | undefined {
  const uid = postgresOsUser()?.uid;
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      stat = undefined;
    }
    if (stat) {
      const traversable =
        (stat.mode & 0o001) !== 0 ||
        (uid !== undefined && stat.uid === uid && (stat.mode & 0o100) !== 0);
      if (!traversable) return dir;
    }
    if (dir === dirname(dir)) return undefined;
  }
}

/**
 * A folder for files the "postgres" user must reach, from the candidates in order: the first that
 * exists and that user can enter (the folder itself included). Else the error names where each is
 * blocked: initdb would fail deep inside with a vague one.
 */
export function reachableFolder(candidates: readonly string[]): string {
  const within = (dir: string): string => resolve(dir, 'x');
  const fit = candidates.find(
    (dir) => existsSync(dir) && blockedAncestor(within(dir)) === undefined,
  );
  if (fit !== undefined) return fit;
  const blocked = candidates.map((dir) => blockedAncestor(within(dir)) ?? `${dir} (missing)`);
  throw new Error(
    `Embedded PostgreSQL runs as the "${POSTGRES_OS_USER}" user when started as root, and that user can enter ` +
      `none of ${candidates.join(', ')} (blocked at ${blocked.join(', ')}). ` +
      `Run \`chmod o+x\` on one of them, or set DATABASE_URL.`,
  );
}
