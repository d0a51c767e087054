import { Client } from 'pg';
import { hs256IdToken, saveHs256Provider } from './support/hs256-shop';
import { RunningSystem } from './support/running-system';

// Bad input from outside never gets a 5xx (CONTRACTS §5): every route is sent what an attacker
// probing the API would send, and must answer 4xx with a message, change nothing, and leave
// the gateway healthy.

const CALLOUT_USERNAME = 'zuora-callouts';
const CALLOUT_PASSWORD = 'e2e-callout-password-bad-input';
const SHOP = {
  issuer: 'https://shop.bad-input.example/',
  secret: 'bad-input-hs256-secret-0123456789abcdef',
};
const basic = `Basic ${Buffer.from(`${CALLOUT_USERNAME}:${CALLOUT_PASSWORD}`).toString('base64')}`;

/** Strings that PostgreSQL refuses, or that break naive parsing, as JSON can carry them. */
const BAD_STRINGS = ['a\u0000b', '\u0000', 'x\uD800', '\uDC00y', '\uDE00\uD83D'];
/** The same as raw path segments and query values, percent-encoded as a client would send them. */
const BAD_ENCODED = ['a%00b', '%00', '%ED%A0%80', '%C0%80', '%FF', '%E0%A4%A', '%'];
/** Odd but harmless values every id and query must answer without a 5xx either. */
const ODD_ENCODED = [
  encodeURIComponent("' OR 1=1 --"),
  encodeURIComponent('../../etc/passwd'),
  'x'.repeat(5_000),
];

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
const CURSORS = [
  cursorOf('-200000-01-01T00:00:00.000Z|event-1'),
  cursorOf('+275760-09-13T00:00:00.000Z|event-1'),
  cursorOf('2026-01-01T00:00:00.000Z|event-\u0000'),
  cursorOf('2026-01-01T00:00:00.000Z|event-\uD800'),
  cursorOf('garbage'),
  '%00',
];

/** A JWT that is not signed by anyone, with the claims given (say, an `iss` holding a NUL). */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${'A'.repeat(43)}`;
}

const hsToken = (claims: Record<string, unknown>, subject = 'user-1') =>
  hs256IdToken(SHOP, claims, { subject });

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const XML_BODIES = [
  `<callout>${'<a>'.repeat(120)}${'</a>'.repeat(120)}</callout>`,
  '<callout><constructor>x</constructor></callout>',
  '<callout><__proto__>x</__proto__></callout>',
  '<callout><parameter name="SubscriptionNumber">A\u0000</parameter></callout>',
  '<!DOCTYPE callout [<!ENTITY a "aaaaaaaa">]><callout>&a;</callout>',
  '<callout><parameter name="OrderNumber">&#0;</parameter>',
];

interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** No bearer token is added (public routes, callout credentials). */
  raw?: boolean;
}

interface Outcome {
  probe: string;
  status: number;
  message: unknown;
}

describe('bad input on every route', () => {
  let system: RunningSystem;
  let db: Client;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway'], {
      // A sync that bad input let through would otherwise wait for a worker that is not running.
      // As in production: a provider's jwksUrl may not point inside the network.
      env: {
        CALLOUT_USERNAME,
        CALLOUT_PASSWORD,
        SYNC_WAIT_TIMEOUT_MS: '1000',
        AUTH_ALLOW_PRIVATE_JWKS: 'false',
        // Hundreds of bad logins and callouts from one address: throttling (its own suite) would
        // answer most of them 429 before the input they carry is ever read.
        THROTTLE_LOGIN_PER_ADDRESS: 'off',
        THROTTLE_LOGIN_GLOBAL: 'off',
        THROTTLE_CALLOUT_PER_ADDRESS: 'off',
        THROTTLE_CALLOUT_GLOBAL: 'off',
      },
    });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    expect(await saveHs256Provider(system, 'shop', SHOP)).toBe(201);
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  /** What bad input must not add to: the Events (by what they were asked for) and row counts. */
  async function counts(): Promise<Record<string, unknown>> {
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT (SELECT coalesce(json_agg(json_build_object('ref', ref, 'request', request)), '[]')
                 FROM events) AS events,
              (SELECT count(*) FROM outbox) AS outbox,
              (SELECT count(*) FROM auth_providers) AS providers,
              (SELECT count(*) FROM zuora_catalog_mappings) AS mappings,
              (SELECT count(*) FROM callout_notifications) AS notifications`,
    );
    return rows[0]!;
  }

  async function send(probe: Probe): Promise<Outcome> {
    const headers = probe.raw
      ? (probe.headers ?? {})
      : { authorization: `Bearer ${await system.token()}`, ...probe.headers };
    const response = await fetch(`${system.gatewayUrl}${probe.path}`, {
      method: probe.method,
      headers,
      body: probe.body,
    });
    const text = await response.text();
    let message: unknown = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { message?: unknown }).message;
    } catch {
      // Not JSON: the outcome shows the text.
    }
    return {
      probe: `${probe.method} ${probe.path.slice(0, 120)} ${(probe.body ?? '').slice(0, 80)}`,
      status: response.status,
      message,
    };
  }

  /** Sends every probe (a few at a time) and returns those answered 5xx or without a message. */
  async function failuresOf(probes: Probe[]): Promise<Outcome[]> {
    const failures: Outcome[] = [];
    for (let i = 0; i < probes.length; i += 8) {
      const outcomes = await Promise.all(probes.slice(i, i + 8).map(send));
      for (const outcome of outcomes) {
        const clientError = outcome.status >= 400 && outcome.status < 500;
        if (outcome.status >= 500 || (clientError && typeof outcome.message !== 'string')) {
          failures.push(outcome);
        }
      }
    }
    return failures;
  }

  const json = (method: string, path: string, body: unknown, extra: Partial<Probe> = {}) => ({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...extra,
  });

  function idProbes(): Probe[] {
    const ids = [...BAD_ENCODED, ...ODD_ENCODED];
    return ids.flatMap((id): Probe[] => [
      { method: 'GET', path: `/api/subscriptions/${id}` },
      { method: 'GET', path: `/api/events/${id}` },
      { method: 'POST', path: `/api/events/${id}/replay` },
      { method: 'POST', path: `/api/plugins/zuora/sync/subscription/${id}` },
      { method: 'POST', path: `/api/plugins/stripe/sync/subscription/${id}` },
      { method: 'GET', path: `/api/settings/auth-providers/${id}` },
      { method: 'DELETE', path: `/api/settings/auth-providers/${id}` },
      { method: 'GET', path: `/api/catalog/zuora-mappings/${id}` },
      { method: 'DELETE', path: `/api/catalog/zuora-mappings/${id}` },
      { method: 'GET', path: `/console/${id}`, raw: true },
      json('PUT', `/api/catalog/zuora-mappings/${id}`, { offerId: 'o', offerName: 'n' }),
      { ...json('POST', `/api/plugins/zuora/sync/subscription/${id}`, {}), raw: true },
    ]);
  }

  function queryProbes(): Probe[] {
    const lists: Record<string, string[]> = {
      '/api/subscriptions': ['search', 'limit', 'cursor'],
      '/api/events': [
        'subscription',
        'type',
        'status',
        'provider',
        'from',
        'to',
        'limit',
        'cursor',
      ],
    };
    const probes: Probe[] = [];
    for (const [path, names] of Object.entries(lists)) {
      for (const name of names) {
        for (const value of [...BAD_ENCODED, ...ODD_ENCODED, '']) {
          probes.push({ method: 'GET', path: `${path}?${name}=${value}` });
        }
        probes.push({ method: 'GET', path: `${path}?${name}=a&${name}=b` });
        probes.push({ method: 'GET', path: `${path}?${name}[x]=a` });
      }
      for (const cursor of CURSORS)
        probes.push({ method: 'GET', path: `${path}?cursor=${cursor}` });
    }
    for (const instant of [
      '-200000-01-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      probes.push({ method: 'GET', path: `/api/events?from=${encodeURIComponent(instant)}` });
      probes.push({ method: 'GET', path: `/api/events?to=${encodeURIComponent(instant)}` });
    }
    return probes;
  }

  function bodyProbes(): Probe[] {
    const probes: Probe[] = [];
    // A route that reads no body may ignore a well-formed one; any body may still hold bad text.
    const bodies = (make: (bad: unknown) => unknown, readsBody: boolean) => [
      ...BAD_STRINGS.map((bad) => JSON.stringify(make(bad))),
      nested(50_000),
      '{"a":',
      '"text"',
      'null',
      '12345678901234567890e400',
      ...(readsBody ? ['[]'] : []),
    ];
    const routes: [string, string, (bad: unknown) => unknown][] = [
      ['PUT', '/api/settings/zuora', (bad) => ({ hotSyncEnabled: bad })],
      [
        'PUT',
        '/api/settings/auth-providers/shop2',
        (bad) => ({
          issuer: bad,
          secret: `${String(bad)}${'s'.repeat(40)}`,
          identityClaims: [{ claim: bad, service: 'zuora', issuer: 'zuora', type: 'account' }],
        }),
      ],
      [
        'PUT',
        '/api/settings/auth-providers/shop3',
        (bad) => ({ issuer: 'https://x.example/', jwksUrl: `https://x.example/${String(bad)}` }),
      ],
      ['PUT', '/api/catalog/zuora-mappings/plan-1', (bad) => ({ offerId: bad, offerName: bad })],
      ['POST', '/api/plugins/zuora/sync/subscription/A-S1', (bad) => ({ OrderNumber: bad })],
      ['POST', '/api/plugins/zuora/sync/subscription/A-S1', (bad) => ({ [String(bad)]: 'x' })],
      ['POST', '/api/plugins/stripe/sync/subscription/sub-1', (bad) => ({ note: bad })],
      ['POST', '/api/events/event-1/replay', (bad) => ({ why: bad })],
      ['POST', '/api/identity/login', (bad) => ({ idToken: bad })],
    ];
    for (const [method, path, make] of routes) {
      const readsBody = !path.includes('/stripe/') && !path.endsWith('/replay');
      for (const body of bodies(make, readsBody)) {
        probes.push(json(method, path, body, { raw: path === '/api/identity/login' }));
      }
    }
    for (const xml of XML_BODIES) {
      for (const authorization of [basic, 'bearer']) {
        probes.push({
          method: 'POST',
          path: '/api/plugins/zuora/sync/subscription/A-S1',
          headers: {
            'content-type': 'application/xml',
            ...(authorization === basic ? { authorization } : {}),
          },
          body: xml,
          raw: authorization === basic,
        });
      }
    }
    return probes;
  }

  async function tokenProbes(): Promise<Probe[]> {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const idTokens = [
      ...BAD_STRINGS.map((bad) => unsignedJwt({ iss: bad, sub: 'u', exp })),
      unsignedJwt({ iss: ['a', 'b'], sub: 'u', exp }),
      unsignedJwt({ iss: SHOP.issuer, sub: '\u0000', exp }),
      await hsToken({ account: 'A\u0000' }),
      await hsToken({ account: ['A1', '\uD800'] }),
      await hsToken({}, 'user\u0000'),
      'a.b.c',
      '....',
    ];
    return [
      ...idTokens.map((idToken) => json('POST', '/api/identity/login', { idToken }, { raw: true })),
      ...idTokens.map((token) => ({
        method: 'GET',
        path: '/api/events',
        headers: { authorization: `Bearer ${token}` },
        raw: true,
      })),
    ];
  }

  it('answers every bad id, query, body, token and callout body with a 4xx and a message', async () => {
    const before = await counts();
    const probes = [...idProbes(), ...queryProbes(), ...bodyProbes(), ...(await tokenProbes())];
    expect(probes.length).toBeGreaterThan(400);

    expect(await failuresOf(probes)).toEqual([]);

    expect(await counts()).toEqual(before);
    const health = await system.api('GET', '/health', { token: null });
    expect(health.status).toBe(200);
  }, 300_000);

  it('names the offending input in the 400', async () => {
    const cases: [Probe, RegExp][] = [
      [{ method: 'GET', path: '/api/subscriptions/sub-1%00' }, /the path holds a NUL byte/],
      [
        { method: 'GET', path: '/api/subscriptions?search=a&search=b' },
        /query parameter search must be given once/,
      ],
      [
        json('PUT', '/api/catalog/zuora-mappings/plan-1', { offerId: 'x\uD800', offerName: 'n' }),
        /the body\.offerId holds an unpaired UTF-16 surrogate/,
      ],
      [
        { method: 'GET', path: `/api/events?cursor=${CURSORS[0]!}` },
        /cursor is not one this API returned/,
      ],
      [
        {
          method: 'POST',
          path: '/api/plugins/zuora/sync/subscription/A-S1',
          headers: { 'content-type': 'application/xml', authorization: basic },
          body: XML_BODIES[1]!,
          raw: true,
        },
        /callout XML is refused/,
      ],
      [
        json(
          'POST',
          '/api/identity/login',
          { idToken: await hsToken({ account: 'A\u0000' }) },
          {
            raw: true,
          },
        ),
        /the ID token\.claims\.account holds a NUL byte/,
      ],
    ];
    for (const [probe, message] of cases) {
      const outcome = await send(probe);
      expect({ status: outcome.status, message: outcome.message }).toEqual({
        status: 400,
        message: expect.stringMatching(message) as unknown,
      });
    }
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:8080/jwks.json',
    'https://localhost/jwks.json',
    'http://[::1]/jwks.json',
    'http://10.0.0.8/jwks.json',
  ])('refuses a provider whose jwksUrl is %s, saving nothing', async (jwksUrl) => {
    const answer = await send(
      json('PUT', '/api/settings/auth-providers/inside', {
        issuer: 'https://in.example/',
        jwksUrl,
      }),
    );
    expect(answer).toMatchObject({
      status: 400,
      message: expect.stringMatching(/jwksUrl: .*AUTH_ALLOW_PRIVATE_JWKS=true/) as unknown,
    });
    const { rows } = await db.query("SELECT 1 FROM auth_providers WHERE id = 'inside'");
    expect(rows).toEqual([]);
  });

  it('sends the security headers on answers, errors and every console page', async () => {
    const headersOf = async (path: string, token: string | null) => {
      const response = await fetch(`${system.gatewayUrl}${path}`, {
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      });
      await response.text();
      const header = (name: string) => response.headers.get(name);
      return {
        poweredBy: header('x-powered-by'),
        nosniff: header('x-content-type-options'),
        cache: header('cache-control'),
        frameAncestors: /frame-ancestors 'none'/.test(header('content-security-policy') ?? ''),
      };
    };
    const token = await system.token();
    for (const path of ['/api/events', '/api/subscriptions/sub-1%00', '/health']) {
      expect({ path, ...(await headersOf(path, token)) }).toEqual({
        path,
        poweredBy: null,
        nosniff: 'nosniff',
        cache: 'no-store',
        frameAncestors: true,
      });
    }
    expect(await headersOf('/api/events', null)).toMatchObject({ cache: 'no-store' });
    for (const path of ['/console/', '/console/index.html', '/console/events']) {
      expect({ path, ...(await headersOf(path, null)) }).toMatchObject({
        path,
        poweredBy: null,
        nosniff: 'nosniff',
        frameAncestors: true,
      });
    }
  });
});
