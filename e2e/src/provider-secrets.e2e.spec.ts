import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { readSecretsKeys } from '@subsync/config';
import { SecretSealer } from '@subsync/persistence';
import { RunningSystem } from './support/running-system';
import { TestIdentityProvider } from './support/test-identity-provider';

const ISSUER = 'https://shop.secrets.e2e.example/';
const HS_SECRET = 'shop-hs256-secret-sealed-0123456789';
const provider = {
  issuer: ISSUER,
  secret: HS_SECRET,
  audience: 'self-service',
  identityClaims: [],
};

const newKey = () => randomBytes(32).toString('base64');
const keyIdOf = (key: string) => readSecretsKeys({ SECRETS_KEY: key }).current!.id;

const idToken = (secret = HS_SECRET) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject('shopper-1')
    .setAudience('self-service')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));

function withSystem(env: Record<string, string | undefined>) {
  const state = {} as { system: RunningSystem; db: Client };
  beforeAll(async () => {
    state.system = await RunningSystem.start(['gateway'], { env });
    state.db = new Client({ connectionString: state.system.databaseUrl });
    await state.db.connect();
  });
  afterAll(async () => {
    await state.db?.end();
    await state.system?.stop();
  });
  return state;
}

const putProvider = (system: RunningSystem, id: string, body: unknown) =>
  system.api('PUT', `/api/settings/auth-providers/${id}`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const login = async (system: RunningSystem, token: string) =>
  system.send('POST', '/api/identity/login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ idToken: token }),
  });

async function storedSecret(db: Client, id: string): Promise<string | null> {
  const { rows } = await db.query<{ secret: string | null }>(
    'SELECT secret FROM auth_providers WHERE id = $1',
    [id],
  );
  return rows[0]?.secret ?? null;
}

describe('Authentication-provider secrets at rest, with SECRETS_KEY', () => {
  const key = newKey();
  const ctx = withSystem({ SECRETS_KEY: key });

  it('stores an HS256 secret sealed: no plaintext in the table, and it opens with SECRETS_KEY only', async () => {
    const created = await putProvider(ctx.system, 'shop', provider);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secret: '********' });

    const { rows } = await ctx.db.query<{ secret: string }>('SELECT secret FROM auth_providers');
    expect(rows).toHaveLength(1);
    const sealed = rows[0]!.secret;
    expect(sealed).not.toContain(HS_SECRET);
    expect(sealed).toMatch(new RegExp(`^v1:${keyIdOf(key)}:`));
    // Nowhere else in the row either.
    const whole = await ctx.db.query<{ row: string }>(
      'SELECT row_to_json(p)::text AS row FROM auth_providers p',
    );
    expect(whole.rows[0]!.row).not.toContain(HS_SECRET);
    expect(new SecretSealer(readSecretsKeys({ SECRETS_KEY: key })).open(sealed)).toBe(HS_SECRET);
    expect(() =>
      new SecretSealer(readSecretsKeys({ SECRETS_KEY: newKey() })).open(sealed),
    ).toThrow();
  });

  it('verifies a login ID token with the sealed secret, and still refuses a wrong signature', async () => {
    expect(await login(ctx.system, await idToken())).toMatchObject({
      status: 202,
      body: { accepted: true },
    });
    const forged = await login(ctx.system, await idToken(`${HS_SECRET}-wrong`));
    expect(forged.status).toBe(401);
  });

  it('keeps the sealed value as it is when the masked secret is sent back', async () => {
    const before = await storedSecret(ctx.db, 'shop');
    const kept = await putProvider(ctx.system, 'shop', { ...provider, secret: '********' });
    expect(kept.status).toBe(200);
    expect(await storedSecret(ctx.db, 'shop')).toBe(before);
    expect((await login(ctx.system, await idToken())).status).toBe(202);
  });

  it('after a rotation (new SECRETS_KEY, the old one as SECRETS_KEY_PREVIOUS), the gateway reseals at start and logins go on', async () => {
    const rotated = newKey();
    const before = await storedSecret(ctx.db, 'shop');
    await ctx.system.service('gateway').stop();
    await ctx.system.startService('gateway', 1, {
      SECRETS_KEY: rotated,
      SECRETS_KEY_PREVIOUS: key,
    });

    const after = await storedSecret(ctx.db, 'shop');
    expect(after).not.toBe(before);
    expect(after).toMatch(new RegExp(`^v1:${keyIdOf(rotated)}:`));
    expect(new SecretSealer(readSecretsKeys({ SECRETS_KEY: rotated })).open(after!)).toBe(
      HS_SECRET,
    );
    expect((await login(ctx.system, await idToken())).status).toBe(202);
  });
});

describe('Authentication-provider secrets without SECRETS_KEY', () => {
  const ctx = withSystem({ SECRETS_KEY: undefined, SECRETS_KEY_PREVIOUS: undefined });
  let idp: TestIdentityProvider;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start('https://idp.secrets.e2e.example/');
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('refuses a provider with a secret with 400 saying SECRETS_KEY is not configured, and stores nothing', async () => {
    for (const secret of [HS_SECRET, '********']) {
      const refused = await putProvider(ctx.system, 'shop', { ...provider, secret });
      expect(refused.status).toBe(400);
      expect((refused.body as { message: string }).message).toMatch(
        /secret: cannot be stored, because SECRETS_KEY is not configured/,
      );
    }
    const { rows } = await ctx.db.query('SELECT id FROM auth_providers');
    expect(rows).toEqual([]);
  });

  it('still takes JWKS providers, whose logins verify', async () => {
    const created = await putProvider(ctx.system, 'idp', {
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
      identityClaims: [],
    });
    expect(created.status).toBe(201);
    expect((await login(ctx.system, await idp.idToken())).status).toBe(202);
  });

  it('answers a login for a provider whose sealed secret it cannot open with 503, naming nothing internal', async () => {
    const sealed = new SecretSealer(readSecretsKeys({ SECRETS_KEY: newKey() })).seal(HS_SECRET);
    await ctx.db.query(
      `INSERT INTO auth_providers (id, issuer, secret, audience, identity_claims)
         VALUES ('shop', $1, $2, 'self-service', '[]')`,
      [ISSUER, sealed],
    );
    const answer = await login(ctx.system, await idToken());
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(answer.body)).not.toMatch(/SECRETS_KEY|v1:|shop-hs256/);
  });
});
