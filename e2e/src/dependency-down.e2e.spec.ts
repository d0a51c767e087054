import { SignJWT } from 'jose';
import { type CuttableProxy, proxiedTestDatabase } from './support/cuttable-proxy';
import { eventually, RunningSystem } from './support/running-system';
import { TestIdentityProvider } from './support/test-identity-provider';

// A dependency that is down is a 503 with Retry-After, never a 500, and the answer names no
// host, port or socket error. PostgreSQL is taken away from the gateway alone, by cutting the
// TCP proxy it reaches the test database through; a key set, by closing its identity provider.

const loginToken = (issuer: string) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject('user-1')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode('a-secret-no-provider-has-0123456789'));

const DOWN = {
  status: 503,
  retryAfter: '5',
  message: 'A service this request needs is unavailable right now; try again in 5 seconds',
};

describe('a dependency that is down', () => {
  let system: RunningSystem;
  let proxy: CuttableProxy;

  beforeAll(async () => {
    const database = await proxiedTestDatabase('e2e_down');
    proxy = database.proxy;
    system = await RunningSystem.start(['gateway'], {
      env: { DATABASE_URL: database.databaseUrl },
    });
  });

  afterAll(async () => {
    await system?.stop();
    await proxy?.cut();
  });

  const answerOf = async (method: string, path: string, body?: unknown) => {
    const answer = await system.api(method, path, {
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: answer.status,
      retryAfter: answer.headers.get('retry-after'),
      message: (answer.body as { message?: unknown } | null)?.message,
    };
  };

  it('answers 503 with Retry-After while PostgreSQL is away, and serves again once it is back', async () => {
    expect((await answerOf('GET', '/api/events')).status).toBe(200);

    await proxy.cut();
    try {
      const requests: [string, string, unknown?][] = [
        ['POST', '/api/plugins/zuora/sync/subscription/A-S00000271'],
        ['POST', '/api/plugins/stripe/sync/subscription/sub-1'],
        ['GET', '/api/subscriptions'],
        ['GET', '/api/subscriptions/A-S00000271'],
        ['GET', '/api/events'],
        ['GET', '/api/events/event-1'],
        ['PUT', '/api/settings/zuora', { hotSyncEnabled: true }],
        ['GET', '/api/settings/auth-providers'],
      ];
      for (const [method, path, body] of requests) {
        expect({ request: `${method} ${path}`, ...(await answerOf(method, path, body)) }).toEqual({
          request: `${method} ${path}`,
          ...DOWN,
        });
      }
      const login = await system.send('POST', '/api/identity/login', {
        headers: { 'content-type': 'application/json' },
        // Its issuer is looked up in PostgreSQL before anything else is checked.
        body: JSON.stringify({ idToken: await loginToken('https://shop.e2e.example/') }),
      });
      expect({
        status: login.status,
        retryAfter: login.headers.get('retry-after'),
        message: (login.body as { message?: unknown }).message,
      }).toEqual(DOWN);
      const health = await system.api('GET', '/health', { token: null });
      expect({ status: health.status, retryAfter: health.headers.get('retry-after') }).toEqual({
        status: 503,
        retryAfter: '5',
      });
    } finally {
      // The next test needs PostgreSQL back, whatever this one found.
      await proxy.open();
    }
    await eventually(async () => {
      expect((await answerOf('GET', '/api/events')).status).toBe(200);
    }, 30_000);
  }, 120_000);

  it("answers 503 with a neutral message while a provider's key set cannot be fetched", async () => {
    const idp = await TestIdentityProvider.start('https://down.e2e.example/');
    const saved = await answerOf('PUT', '/api/settings/auth-providers/down', {
      issuer: idp.issuer,
      jwksUrl: idp.jwksUrl,
    });
    expect(saved.status).toBe(201);
    const idToken = await idp.idToken();
    await idp.close();

    const login = await system.send('POST', '/api/identity/login', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken }),
    });
    const message = (login.body as { message: string }).message;
    expect({ status: login.status, retryAfter: login.headers.get('retry-after') }).toEqual({
      status: 503,
      retryAfter: '5',
    });
    // Neither the key set's URL, nor its port, nor the socket error.
    expect(message).not.toMatch(/127\.0\.0\.1|jwks|ECONNREFUSED|fetch failed|http:/i);
    expect(message).toMatch(/keys cannot be fetched right now/);
  });
});
