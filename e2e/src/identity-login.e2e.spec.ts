import { Client } from 'pg';
import { SignJWT } from 'jose';
import { RunningSystem } from './support/running-system';
import { foreignKey, TestIdentityProvider } from './support/test-identity-provider';

interface LoginEnvelope {
  type: string;
  correlationId: string;
  source: string;
  data: { issuer: string; subject: string; claims: Record<string, unknown>; providerId?: string };
}

const HS_SECRET = 'shop-hs256-secret-0123456789abcdef';
/** The gateway refetches a JWKS on an unknown kid at most once per this long. */
const JWKS_COOLDOWN_MS = 5_000;

const zuoraClaim = {
  claim: 'zuora_account',
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: false,
  accountLookupField: null,
};
const lookupClaim = {
  claim: 'sub',
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: true,
  accountLookupField: 'ExternalId__c',
};

describe('Login intake and hot-sync settings end to end', () => {
  let system: RunningSystem;
  let idp: TestIdentityProvider;
  let db: Client;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    system = await RunningSystem.start(['gateway']);
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
    await idp?.close();
  });

  async function published(): Promise<{ key: string; payload: LoginEnvelope }[]> {
    const { rows } = await db.query<{ key: string; payload: LoginEnvelope | string }>(
      "SELECT key, payload FROM outbox WHERE topic = 'identity.login.v1' ORDER BY id",
    );
    return rows.map((row) => ({
      key: row.key,
      payload:
        typeof row.payload === 'string' ? (JSON.parse(row.payload) as LoginEnvelope) : row.payload,
    }));
  }

  const login = (idToken: unknown, headers: Record<string, string> = {}) =>
    system.send('POST', '/api/identity/login', {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ idToken }),
    });

  const putJson = (path: string, body: unknown, token?: string | null) =>
    system.api('PUT', path, {
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function expectRefused(idToken: string, message: RegExp): Promise<void> {
    const before = (await published()).length;
    const answer = await login(idToken);
    expect(answer.status).toBe(401);
    expect((answer.body as { message: string }).message).toMatch(message);
    expect(await published()).toHaveLength(before);
  }

  describe('settings need a bearer token', () => {
    it.each([
      ['GET', '/api/settings/zuora'],
      ['PUT', '/api/settings/zuora'],
      ['GET', '/api/settings/auth-providers'],
      ['GET', '/api/settings/auth-providers/idp'],
      ['PUT', '/api/settings/auth-providers/idp'],
      ['DELETE', '/api/settings/auth-providers/idp'],
    ])('%s %s answers 401 without one', async (method, path) => {
      const answer = await system.api(method, path, {
        token: null,
        headers: { 'content-type': 'application/json' },
        body: method === 'PUT' ? JSON.stringify({ hotSyncEnabled: true }) : undefined,
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ message: expect.stringMatching(/bearer token/i) as unknown });
      const invalid = await system.api(method, path, { token: 'not.a.jwt' });
      expect(invalid.status).toBe(401);
    });
  });

  it('refuses a login while no authentication provider is configured, publishing nothing', async () => {
    await expectRefused(
      await idp.idToken(),
      /No authentication provider is configured for issuer 'https:\/\/idp\.e2e\.example\/'/,
    );
  });

  describe('Zuora settings', () => {
    it('reads hot sync as off until it is set, and reads back what was put', async () => {
      expect(await system.api('GET', '/api/settings/zuora')).toMatchObject({
        status: 200,
        body: { hotSyncEnabled: false },
      });
      expect(await putJson('/api/settings/zuora', { hotSyncEnabled: true })).toMatchObject({
        status: 200,
        body: { hotSyncEnabled: true },
      });
      expect((await system.api('GET', '/api/settings/zuora')).body).toEqual({
        hotSyncEnabled: true,
      });
      const { rows } = await db.query<{ value: unknown }>(
        "SELECT value FROM settings WHERE key = 'zuora'",
      );
      expect(rows).toEqual([{ value: { hotSyncEnabled: true } }]);
    });

    it.each([{ hotSyncEnabled: 'yes' }, {}, { hotSyncEnabled: 1 }])(
      'refuses %j with 400 naming the field',
      async (body) => {
        const answer = await putJson('/api/settings/zuora', body);
        expect(answer.status).toBe(400);
        expect((answer.body as { message: string }).message).toMatch(/hotSyncEnabled/);
        expect((await system.api('GET', '/api/settings/zuora')).body).toEqual({
          hotSyncEnabled: true,
        });
      },
    );
  });

  describe('authentication providers', () => {
    it('creates (201), reads back and replaces (200) a JWKS provider', async () => {
      const body = { issuer: idp.issuer, jwksUrl: idp.jwksUrl, identityClaims: [zuoraClaim] };
      const created = await putJson('/api/settings/auth-providers/idp', body);
      expect(created.status).toBe(201);
      const expected = {
        providerId: 'idp',
        issuer: idp.issuer,
        jwksUrl: idp.jwksUrl,
        secret: null,
        audience: null,
        identityClaims: [zuoraClaim],
      };
      expect(created.body).toMatchObject(expected);
      expect((await system.api('GET', '/api/settings/auth-providers/idp')).body).toMatchObject(
        expected,
      );

      const replaced = await putJson('/api/settings/auth-providers/idp', {
        ...body,
        identityClaims: [zuoraClaim, lookupClaim],
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ identityClaims: [zuoraClaim, lookupClaim] });
    });

    it('never shows a stored secret, and keeps it when the masked value is sent back', async () => {
      const body = {
        issuer: 'https://shop.e2e.example/',
        secret: HS_SECRET,
        audience: 'self-service',
        identityClaims: [],
      };
      const created = await putJson('/api/settings/auth-providers/shop', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ secret: '********', jwksUrl: null });
      const read = await system.api('GET', '/api/settings/auth-providers/shop');
      expect(read.body).toMatchObject({ secret: '********', audience: 'self-service' });
      const list = await system.api('GET', '/api/settings/auth-providers');
      expect(JSON.stringify(list.body)).not.toContain(HS_SECRET);
      expect(
        (list.body as { data: { providerId: string }[] }).data.map((p) => p.providerId),
      ).toEqual(['idp', 'shop']);

      const stored = async () =>
        (await db.query<{ secret: string }>("SELECT secret FROM auth_providers WHERE id = 'shop'"))
          .rows;
      const before = await stored();
      expect(
        (await putJson('/api/settings/auth-providers/shop', { ...body, secret: '********' }))
          .status,
      ).toBe(200);
      // Kept as it was stored: sealed (provider-secrets.e2e.spec.ts checks how).
      expect(await stored()).toEqual(before);
      expect(before[0]?.secret).not.toContain(HS_SECRET);
    });

    it.each<[string, string, unknown, RegExp]>([
      ['an empty issuer', 'x', { issuer: '', secret: HS_SECRET }, /issuer/],
      [
        'both jwksUrl and secret',
        'x',
        { issuer: 'i', jwksUrl: 'https://a/k', secret: HS_SECRET },
        /exactly one of jwksUrl/,
      ],
      ['neither jwksUrl nor secret', 'x', { issuer: 'i' }, /exactly one of jwksUrl/],
      [
        'a jwksUrl that is not http(s)',
        'x',
        { issuer: 'i', jwksUrl: 'ftp://a/k' },
        /jwksUrl: must be an http\(s\) URL/,
      ],
      ['a short secret', 'x', { issuer: 'i', secret: 'short' }, /secret: must be at least 32/],
      [
        'an account lookup without its field',
        'x',
        {
          issuer: 'i',
          secret: HS_SECRET,
          identityClaims: [{ ...lookupClaim, accountLookupField: null }],
        },
        /identityClaims\.0\.accountLookupField/,
      ],
      [
        'an account lookup field that is not a Zuora custom field',
        'x',
        {
          issuer: 'i',
          secret: HS_SECRET,
          identityClaims: [{ ...lookupClaim, accountLookupField: 'email' }],
        },
        /identityClaims\.0\.accountLookupField: must be a Zuora custom field/,
      ],
      ['a bad provider id', 'has.dot', { issuer: 'i', secret: HS_SECRET }, /not a provider id/],
    ])('refuses %s with 400', async (_case, id, body, message) => {
      const answer = await putJson(`/api/settings/auth-providers/${id}`, body);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toMatch(message);
      expect((await system.api('GET', '/api/settings/auth-providers/x')).status).toBe(404);
    });

    it('refuses a second provider for the same issuer with 409', async () => {
      const answer = await putJson('/api/settings/auth-providers/copy', {
        issuer: idp.issuer,
        secret: HS_SECRET,
      });
      expect(answer.status).toBe(409);
      expect((answer.body as { message: string }).message).toMatch(
        /already configured by provider 'idp'/,
      );
      expect((await system.api('GET', '/api/settings/auth-providers/copy')).status).toBe(404);
    });

    it('deletes a provider (204), then knows it no more (404)', async () => {
      await putJson('/api/settings/auth-providers/gone', { issuer: 'gone', secret: HS_SECRET });
      expect((await system.api('DELETE', '/api/settings/auth-providers/gone')).status).toBe(204);
      const read = await system.api('GET', '/api/settings/auth-providers/gone');
      expect(read.status).toBe(404);
      expect(read.body).toEqual({ message: "No authentication provider 'gone'" });
      expect((await system.api('DELETE', '/api/settings/auth-providers/gone')).status).toBe(404);
    });
  });

  describe('login intake', () => {
    it('accepts a valid ID token without a bearer token and publishes identity.login.v1 once', async () => {
      const correlationId = globalThis.crypto.randomUUID();
      const idToken = await idp.idToken({
        subject: 'user-42',
        claims: { zuora_account: 'A00000042', email: 'ada@example.com' },
      });
      const answer = await login(idToken, { 'x-correlation-id': correlationId });
      expect(answer).toMatchObject({ status: 202, body: { accepted: true } });

      const messages = await published();
      expect(messages).toHaveLength(1);
      const [{ key, payload }] = messages as [{ key: string; payload: LoginEnvelope }];
      expect(key).toBe(`${idp.issuer}:user-42`);
      expect(payload).toMatchObject({
        type: 'identity.login',
        source: 'gateway',
        correlationId,
        data: {
          issuer: idp.issuer,
          subject: 'user-42',
          providerId: 'idp',
        },
      });
      // Only what the provider's identity claims read (zuora_account, sub): no email, no iss.
      expect(payload.data.claims).toEqual({ sub: 'user-42', zuora_account: 'A00000042' });
    });

    it('refuses an expired token', async () => {
      const expired = await idp.idToken({ expiresAt: Math.floor(Date.now() / 1000) - 120 });
      await expectRefused(expired, /expired/);
    });

    it('refuses a token signed by a key the provider never published', async () => {
      await expectRefused(
        await idp.idToken({ key: await foreignKey() }),
        /signature does not verify/,
      );
    });

    it('refuses a token from an unknown issuer', async () => {
      await expectRefused(
        await idp.idToken({ issuer: 'https://stranger.example/' }),
        /No authentication provider is configured for issuer 'https:\/\/stranger\.example\/'/,
      );
    });

    it('refuses a token without exp, one issued a year ahead, and one valid for a year', async () => {
      const now = Math.floor(Date.now() / 1000);
      const year = 365 * 86_400;
      await expectRefused(await idp.idToken({ expiresAt: null }), /no exp claim/);
      await expectRefused(
        await idp.idToken({ issuedAt: now + year, expiresAt: now + year + 600 }),
        /issued in the future/,
      );
      await expectRefused(
        await idp.idToken({ expiresAt: now + year }),
        /valid for longer than 86400 s/,
      );
    });

    it('refuses a token without sub, and one that is not a JWT', async () => {
      await expectRefused(await idp.idToken({ subject: null }), /no sub claim/);
      await expectRefused('not-a-jwt', /not a JWT/);
    });

    it.each<[string, string | undefined]>([
      ['no body', undefined],
      ['a body without idToken', JSON.stringify({ token: 'x' })],
      ['an idToken that is not a string', JSON.stringify({ idToken: 42 })],
      ['malformed JSON', '{"idToken":'],
    ])('answers 400 to %s', async (_case, body) => {
      const before = (await published()).length;
      const answer = await system.send('POST', '/api/identity/login', {
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ message: expect.any(String) as unknown });
      expect(await published()).toHaveLength(before);
    });

    it('accepts a token signed with a rotated key (new kid), fetching the new JWKS', async () => {
      const fetchesBefore = idp.fetches;
      await idp.rotate();
      // Let the refetch cooldown from the last fetch pass, as it would between real rotations.
      const wait = idp.lastFetchAt + JWKS_COOLDOWN_MS + 250 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

      const answer = await login(await idp.idToken({ subject: 'user-rotated' }));
      expect(answer).toMatchObject({ status: 202, body: { accepted: true } });
      expect(idp.fetches).toBeGreaterThan(fetchesBefore);
      expect((await published()).map((m) => m.payload.data.subject)).toEqual([
        'user-42',
        'user-rotated',
      ]);
    });

    it('checks the audience and signature of an HS256 provider', async () => {
      const sign = (audience: string, secret: string) =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://shop.e2e.example/')
          .setSubject('shopper-1')
          .setAudience(audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(secret));
      await expectRefused(await sign('elsewhere', HS_SECRET), /aud claim is not valid/);
      await expectRefused(
        await sign('self-service', `${HS_SECRET}-wrong`),
        /signature does not verify/,
      );

      expect((await login(await sign('self-service', HS_SECRET))).status).toBe(202);
      const last = (await published()).at(-1)!;
      expect(last.payload.data).toMatchObject({
        issuer: 'https://shop.e2e.example/',
        subject: 'shopper-1',
        providerId: 'shop',
      });
    });
  });
});
