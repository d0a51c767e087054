import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Whether this process may install Debian packages: root, on Debian (or a derivative), with apt-get. */
export function canUseAptGet(): boolean {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root && existsSync('/etc/debian_version') && onPath('apt-get');
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * `apt-get update` then `apt-get install`, their output shown. The update comes first every time:
 * on a fresh machine the package lists may never have been fetched, and stale ones name versions
 * the mirror no longer has. Returns whether the install succeeded.
 */
export function aptGetInstall(packages: readonly string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run (unattended upgrades, a second npm test) holds the lock for a while: wait.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  const update = spawnSync('apt-get', [...lock, 'update', '-qq'], { env, stdio: 'inherit' });
  if (update.status !== 0) {
    process.stderr.write('apt-get update failed; installing from the package lists at hand\n');
  }
  const install = spawnSync('apt-get', [...lock, 'install', '-y', '-qq', ...packages], {
    env,
    stdio: 'inherit',
  });
  return install.status === 0;
}
