import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedBinaries, sharedBinaries } from './postgres-binaries';

describe('sharedBinaries', () => {
  let cacheRoot: string;
  beforeEach(async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), 'local-infra-pg-cache-'));
  });
  afterEach(async () => {
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('makes one complete copy that everyone can run, even when several runs ask at once', async () => {
    const installed = installedBinaries();
    if (!installed) throw new Error('no embedded PostgreSQL binaries installed');

    const copies = await Promise.all([1, 2, 3].map(() => sharedBinaries(installed, cacheRoot)));

    const dir = join(
      cacheRoot,
      `subsync-pg-${installed.version}-${process.platform}-${process.arch}`,
    );
    expect(new Set(copies.map((copy) => copy.postgres))).toEqual(
      new Set([join(dir, 'bin', 'postgres')]),
    );
    // Only the copy is left: the runs that lost the race removed their staging folders.
    expect(readdirSync(cacheRoot)).toEqual([
      `subsync-pg-${installed.version}-${process.platform}-${process.arch}`,
    ]);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'share')).mode & 0o777).toBe(0o755);
    // The library symlinks stay relative, inside the copy.
    expect(lstatSync(join(dir, 'lib', 'libpq.so')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'lib', 'libpq.so'))).not.toContain('/');
    expect(existsSync(join(dir, 'lib', 'libpq.so'))).toBe(true);
    const version = execFileSync(copies[0]!.postgres, ['--version'], { encoding: 'utf8' });
    expect(version).toMatch(
      new RegExp(`^postgres \\(PostgreSQL\\) ${installed.version.split('.')[0]}\\.`),
    );
  });

  it('reuses an existing copy and refuses one that others may change', async () => {
    const installed = installedBinaries();
    if (!installed) throw new Error('no embedded PostgreSQL binaries installed');
    const first = await sharedBinaries(installed, cacheRoot);
    const copiedAt = statSync(first.postgres).mtimeMs;

    const again = await sharedBinaries(installed, cacheRoot);
    expect(again.postgres).toBe(first.postgres);
    expect(statSync(again.postgres).mtimeMs).toBe(copiedAt);

    execFileSync('chmod', ['o+w', first.dir]);
    await expect(sharedBinaries(installed, cacheRoot)).rejects.toThrow(
      `${first.dir} is not a folder that only this user`,
    );
  });
});
