import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type PostgresBinaries } from './postgres-binaries';
import { type OsUser } from './postgres-user-access';

export interface ClusterSpec {
  binaries: PostgresBinaries;
  dataDir: string;
  /** The superuser and its password (scram-sha-256). */
  user: string;
  password: string;
  /** Run initdb and postgres as this OS user (set when this process is root). */
  runAs?: OsUser;
}

// Messages in English whatever the machine's locale, so the log tail reads the same everywhere.
const env = (): NodeJS.ProcessEnv => ({ ...process.env, LC_MESSAGES: 'C' });

/** initdb: a new cluster in `dataDir`, UTF-8 with the C locale. */
export async function initCluster(spec: ClusterSpec, log: (line: string) => void): Promise<void> {
  // Only the data folder is private (PostgreSQL insists); folders made on the way to it (a fresh
  // clone's .subsync) get the usual mode, or the "postgres" user could not reach its own data.
  mkdirSync(dirname(spec.dataDir), { recursive: true });
  mkdirSync(spec.dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file; it sits next to the data folder, which its user reaches.
  const passwordFile = `${spec.dataDir}.pw-${randomBytes(6).toString('hex')}`;
  writeFileSync(passwordFile, `${spec.password}\n`, { mode: 0o600 });
  try {
    if (spec.runAs) {
      chownSync(spec.dataDir, spec.runAs.uid, spec.runAs.gid);
      chownSync(passwordFile, spec.runAs.uid, spec.runAs.gid);
    }
    const args = [
      `--pgdata=${spec.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${spec.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
    ];
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        spec.binaries.initdb,
        args,
        { env: env(), timeout: 120_000, ...spec.runAs },
        (error, stdout, stderr) => {
          const text = `${stdout}\n${stderr}`.trim();
          if (error) reject(new Error(`initdb failed: ${error.message.split('\n')[0]}\n${text}`));
          else resolve(text);
        },
      );
    });
    output.split('\n').forEach(log);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/**
 * The postmaster, in its own process group: a terminal's Ctrl-C reaches the services, which drain
 * their work while the database stays up, and the owner stops the database last.
 */
export function spawnPostgres(spec: ClusterSpec, port: number, flags: string[]): ChildProcess {
  return spawn(spec.binaries.postgres, ['-D', spec.dataDir, '-p', String(port), ...flags], {
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...spec.runAs,
  });
}
