import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { readSecretsKeys } from '@subsync/config';
import { createTestDatabase } from '@subsync/testkit';
import { dataSourceOptions, MIGRATIONS } from '../data-source';
import { SealedProviderSecrets1764460800000 } from '../migrations/1764460800000-sealed-provider-secrets';
import { runMigrations } from '../run-migrations';
import { sealProviderSecrets } from './auth-provider-secrets';
import { isSealed, SecretSealer } from './secret-sealer';

const SHOP_SECRET = 'shop-hs256-secret-0123456789abcdef';
const APP_SECRET = 'app-hs256-secret-fedcba9876543210';

const newKey = () => randomBytes(32).toString('base64');

/** The sealing migration and every one after it: what a start applies to such a database. */
const FROM_SEALING = MIGRATIONS.slice(MIGRATIONS.indexOf(SealedProviderSecrets1764460800000)).map(
  (migration) => migration.name,
);

/** A database migrated up to the step before the sealing one, holding plaintext secrets. */
async function databaseBeforeSealing(): Promise<DataSource> {
  const url = await createTestDatabase('sealing');
  const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(SealedProviderSecrets1764460800000));
  const dataSource = new DataSource({
    ...dataSourceOptions(url, 'sealing-test'),
    migrations: before,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.query(
    `INSERT INTO auth_providers (id, issuer, jwks_url, secret, identity_claims) VALUES
       ('shop', 'https://shop.example/', NULL, $1, '[]'),
       ('app', 'https://app.example/', NULL, $2, '[]'),
       ('okta', 'https://okta.example/', 'https://okta.example/keys', NULL, '[]')`,
    [SHOP_SECRET, APP_SECRET],
  );
  return dataSource;
}

async function secrets(dataSource: DataSource): Promise<Record<string, string | null>> {
  const rows: { id: string; secret: string | null }[] = await dataSource.query(
    'SELECT id, secret FROM auth_providers ORDER BY id',
  );
  return Object.fromEntries(rows.map((row) => [row.id, row.secret]));
}

/** Runs `work` with SECRETS_KEY set (or removed) in this process, as a service would have it. */
async function withSecretsKey<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
  const saved = process.env['SECRETS_KEY'];
  if (key === undefined) delete process.env['SECRETS_KEY'];
  else process.env['SECRETS_KEY'] = key;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env['SECRETS_KEY'];
    else process.env['SECRETS_KEY'] = saved;
  }
}

/** The pending migrations, on a fresh connection (the way a starting service runs them). */
async function migrate(dataSource: DataSource): Promise<string[]> {
  const full = new DataSource({ ...dataSource.options, migrations: MIGRATIONS });
  await full.initialize();
  try {
    return await runMigrations(full);
  } finally {
    await full.destroy();
  }
}

describe('the migration that seals provider secrets', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await databaseBeforeSealing();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('seals every plaintext secret with SECRETS_KEY, and leaves JWKS providers alone', async () => {
    const key = newKey();
    const applied = await withSecretsKey(key, () => migrate(dataSource));
    expect(applied).toContain('SealedProviderSecrets1764460800000');

    const stored = await secrets(dataSource);
    expect(stored['okta']).toBeNull();
    const sealer = new SecretSealer(readSecretsKeys({ SECRETS_KEY: key }));
    for (const [id, plaintext] of [
      ['shop', SHOP_SECRET],
      ['app', APP_SECRET],
    ] as const) {
      expect(isSealed(stored[id]!)).toBe(true);
      expect(stored[id]).not.toContain(plaintext);
      expect(sealer.open(stored[id]!)).toBe(plaintext);
    }
  });

  it('without SECRETS_KEY, fails naming the providers and the variable, and changes nothing', async () => {
    await expect(withSecretsKey(undefined, () => migrate(dataSource))).rejects.toThrow(
      /auth_providers holds 2 plaintext secret\(s\) \(providers app, shop\): set SECRETS_KEY/,
    );
    expect(await secrets(dataSource)).toEqual({ shop: SHOP_SECRET, app: APP_SECRET, okta: null });
    // Nothing was recorded as applied: with the key, the next start seals them.
    const applied = await withSecretsKey(newKey(), () => migrate(dataSource));
    expect(applied).toEqual(FROM_SEALING);
    expect(
      Object.values(await secrets(dataSource))
        .filter((s) => s !== null)
        .every(isSealed),
    ).toBe(true);
  });

  it('without SECRETS_KEY and without plaintext secrets, passes', async () => {
    await dataSource.query('UPDATE auth_providers SET secret = NULL, jwks_url = $1', [
      'https://keys.example/',
    ]);
    const applied = await withSecretsKey(undefined, () => migrate(dataSource));
    expect(applied).toEqual(FROM_SEALING);
  });
});

describe('sealProviderSecrets (key rotation)', () => {
  it('seals again what the previous key sealed, and reports what no key opens', async () => {
    const [oldKey, newerKey, lostKey] = [newKey(), newKey(), newKey()];
    const dataSource = await databaseBeforeSealing();
    try {
      await withSecretsKey(oldKey, () => migrate(dataSource));
      // A third provider sealed with a key nobody has any more.
      const lost = new SecretSealer(readSecretsKeys({ SECRETS_KEY: lostKey })).seal(SHOP_SECRET);
      await dataSource.query(
        `INSERT INTO auth_providers (id, issuer, secret, identity_claims)
           VALUES ('lost', 'https://lost.example/', $1, '[]')`,
        [lost],
      );
      const before = await secrets(dataSource);

      const rotating = new SecretSealer(
        readSecretsKeys({ SECRETS_KEY: newerKey, SECRETS_KEY_PREVIOUS: oldKey }),
      );
      const outcome = await sealProviderSecrets(dataSource, rotating);
      expect(outcome.sealed).toEqual(['app', 'shop']);
      expect(outcome.unreadable).toEqual([
        { id: 'lost', reason: expect.stringContaining('neither SECRETS_KEY nor') as unknown },
      ]);

      const after = await secrets(dataSource);
      expect(after['lost']).toBe(before['lost']);
      const newOnly = new SecretSealer(readSecretsKeys({ SECRETS_KEY: newerKey }));
      expect(newOnly.open(after['shop']!)).toBe(SHOP_SECRET);
      expect(newOnly.open(after['app']!)).toBe(APP_SECRET);
      // A second run finds nothing left to do.
      expect((await sealProviderSecrets(dataSource, rotating)).sealed).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
