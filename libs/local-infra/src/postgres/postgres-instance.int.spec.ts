import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { infraOverride } from '../infra/provider-choice';
import { startPostgres } from './postgres-instance';
import { postgresOsUser, runningAsRoot } from './postgres-user-access';

// jest-circus only honours the global testTimeout, not the int project's, so set it here.
jest.setTimeout(60_000);

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  it('starts a server on which databases can be created, used, and which stops cleanly', async () => {
    const server = await startPostgres();
    try {
      expect(server.url).toMatch(/^postgres(ql)?:\/\/.+\/postgres$/);
      const url = await server.createDatabase('local_infra_check');
      expect(new URL(url).pathname).toBe('/local_infra_check');
      await query(url, 'CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)');
      await query(url, "INSERT INTO item VALUES (1, 'one'), (2, 'two')");
      const rows = await query<{ db: string; names: string }>(
        url,
        "SELECT current_database() AS db, string_agg(name, ',' ORDER BY id) AS names FROM item",
      );
      expect(rows).toEqual([{ db: 'local_infra_check', names: 'one,two' }]);
    } finally {
      await server.stop();
    }
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow();
  });

  // A data folder is the embedded server's: the Testcontainers one is ephemeral by design.
  const embeddedOnly = infraOverride() === 'testcontainers' ? it.skip : it;
  embeddedOnly('keeps a dataDir across restarts without re-initialising it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'local-infra-pg-persist-'));
    // As root the server runs as "postgres", which must be able to enter the (0700) temp dir.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    try {
      const first = await startPostgres({ dataDir });
      try {
        const url = await first.createDatabase('persisted');
        await query(url, "CREATE TABLE kept AS SELECT 'still here'::text AS note");
      } finally {
        await first.stop();
      }
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

      const second = await startPostgres({ dataDir });
      try {
        // createDatabase is idempotent, so a second `npm start` can ask for the same database.
        const url = await second.createDatabase('persisted');
        expect(await query(url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

// A clone under /root: PostgreSQL's own user cannot enter it, so nothing of the cluster may be there.
const asRoot = runningAsRoot() ? describe : describe.skip;
asRoot('embedded PostgreSQL as root, in a folder only root may enter', () => {
  it('runs shared binaries and keeps the data outside, found again on restart', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'local-infra-pg-rootonly-'));
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
    const dataDir = join(parent, 'data');
    let keptIn: string | undefined;
    try {
      const first = await startPostgres({ provider: 'embedded', dataDir });
      try {
        keptIn = first.dataDir ?? '';
        expect(keptIn).toMatch(/^\/var\/tmp\/subsync-pg-data-[0-9a-f]{16}$/);
        const url = await first.createDatabase('kept_outside');
        await query(url, "CREATE TABLE kept AS SELECT 'outside the clone'::text AS note");
        const [setting] = await query<{ dir: string }>(
          url,
          "SELECT current_setting('data_directory') AS dir",
        );
        expect(setting?.dir).toBe(keptIn);
        // The server runs the copy in /var/tmp, as the "postgres" OS user.
        const pid = readFileSync(join(keptIn, 'postmaster.pid'), 'utf8').split('\n')[0];
        expect(readlinkSync(`/proc/${pid}/exe`)).toMatch(
          /^\/var\/tmp\/subsync-pg-[^/]+\/bin\/postgres$/,
        );
        expect((await stat(`/proc/${pid}`)).uid).toBe(postgresOsUser()?.uid);
      } finally {
        await first.stop();
      }
      expect(existsSync(dataDir)).toBe(false);

      const second = await startPostgres({ provider: 'embedded', dataDir });
      try {
        expect(second.dataDir).toBe(keptIn);
        const url = await second.createDatabase('kept_outside');
        expect(await query(url, 'SELECT note FROM kept')).toEqual([{ note: 'outside the clone' }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
      if (keptIn) await rm(keptIn, { recursive: true, force: true });
    }
  });
});

// `npm start` in a fresh clone: the data folder's parent (.subsync) does not exist yet.
asRoot('embedded PostgreSQL as root, in folders that do not exist yet', () => {
  it('creates them so that its own user reaches the data, which stays where it was asked', async () => {
    const clone = await mkdtemp(join(tmpdir(), 'local-infra-pg-fresh-'));
    await chmod(clone, 0o755);
    const dataDir = join(clone, '.subsync', 'postgres');
    try {
      const postgres = await startPostgres({ provider: 'embedded', dataDir });
      try {
        expect(postgres.dataDir).toBe(dataDir);
        const url = await postgres.createDatabase('fresh_clone');
        expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      } finally {
        await postgres.stop();
      }
      expect((await stat(join(clone, '.subsync'))).mode & 0o001).toBe(0o001);
      expect((await stat(dataDir)).mode & 0o077).toBe(0);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
