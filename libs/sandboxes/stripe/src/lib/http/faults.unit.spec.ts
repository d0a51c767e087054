import { STRIPE_SANDBOX_API_KEY } from '../sandbox.constants';
import { STRIPE_SANDBOX_DEMO as DEMO } from '../seed/demo.constants';
import { createStripeSandbox, type StripeSandbox } from '../stripe-sandbox';

describe('Stripe sandbox: faults, the rate limit, idempotency and the request log', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await createStripeSandbox({ rateLimitPerSecond: Infinity });
  });
  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  afterAll(() => sandbox.close());

  const auth = { Authorization: `Bearer ${STRIPE_SANDBOX_API_KEY}` };
  const get = (path: string) => fetch(`${sandbox.url}${path}`, { headers: auth });
  const inject = (fault: unknown) =>
    fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fault),
    });
  const customer = `/v1/customers/${DEMO.customers.amelia}`;

  it('answers the next N matching requests with Stripe’s 429, then recovers', async () => {
    expect(
      (await inject({ type: 'rate-limit', count: 2, pathPrefix: '/v1/customers' })).status,
    ).toBe(201);
    expect((await get(`/v1/subscriptions/${DEMO.subscriptions.activeGbp}`)).status).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const limited = await get(customer);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('stripe-rate-limited-reason')).toBe('global-rate');
      expect(limited.headers.get('retry-after')).toBeNull();
      expect(limited.headers.get('stripe-should-retry')).toBeNull();
      expect(await limited.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'rate_limit' },
      });
    }
    expect((await get(customer)).status).toBe(200);
    expect(
      sandbox.requests({ pathPrefix: '/v1/customers' }).map((r) => [r.status, r.fault]),
    ).toEqual([
      [429, 'rate-limit'],
      [429, 'rate-limit'],
      [200, null],
    ]);
  });

  it('injects lock timeouts, server errors, proxy pages and arbitrary Stripe errors', async () => {
    sandbox.injectFault({ type: 'rate-limit', code: 'lock_timeout', shouldRetry: true });
    sandbox.injectFault({ type: 'server-error' });
    sandbox.injectFault({ type: 'server-error', status: 502 });
    sandbox.injectFault({
      type: 'stripe-error',
      status: 403,
      message: 'This key cannot read customers.',
    });
    const lock = await get(customer);
    expect([lock.status, lock.headers.get('stripe-should-retry')]).toEqual([429, 'true']);
    expect(await lock.json()).toMatchObject({ error: { code: 'lock_timeout' } });
    const internal = await get(customer);
    expect(internal.status).toBe(500);
    expect(await internal.json()).toMatchObject({ error: { type: 'api_error' } });
    const proxy = await get(customer);
    expect([proxy.status, await proxy.text()]).toEqual([
      502,
      expect.stringContaining('502 Bad Gateway'),
    ]);
    const forbidden = await get(customer);
    expect([forbidden.status, await forbidden.json()]).toEqual([
      403,
      {
        error: expect.objectContaining({
          type: 'invalid_request_error',
          message: 'This key cannot read customers.',
        }),
      },
    ]);
  });

  it('delays requests and drops connections', async () => {
    sandbox.injectFault({ type: 'delay', delayMs: 200 });
    sandbox.injectFault({ type: 'connection-reset' });
    const started = Date.now();
    expect((await get(customer)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(get(customer)).rejects.toThrow();
    expect(sandbox.requests().map((r) => [r.fault, r.status])).toEqual([
      ['delay', 200],
      ['connection-reset', null],
    ]);
  });

  it('lists, clears and validates faults', async () => {
    await inject({ type: 'server-error', count: 5, method: 'POST' });
    const listed = (await (await fetch(`${sandbox.url}/sandbox/faults`)).json()) as {
      faults: unknown[];
    };
    expect(listed.faults).toEqual([
      expect.objectContaining({ type: 'server-error', remaining: 5, method: 'POST' }),
    ]);
    expect((await get(customer)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    const bad = await inject({ type: 'rate-limit', retryAfter: 3 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: expect.stringContaining('retryAfter') });
  });

  it('logs requests, readable and clearable over the admin API', async () => {
    await fetch(`${sandbox.url}/v1/invoices/create_preview`, {
      method: 'POST',
      headers: {
        ...auth,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Stripe-Version': '2026-10-28.endive',
        'Idempotency-Key': 'key-1',
      },
      body: `subscription=${DEMO.subscriptions.activeGbp}`,
    });
    await fetch(`${sandbox.url}/v1/invoices?limit=1`);
    const body = (await (
      await fetch(`${sandbox.url}/sandbox/requests?pathPrefix=/v1/invoices`)
    ).json()) as {
      requests: unknown[];
    };
    expect(body.requests).toEqual([
      expect.objectContaining({
        seq: expect.any(Number),
        method: 'POST',
        path: '/v1/invoices/create_preview',
        query: '',
        body: `subscription=${DEMO.subscriptions.activeGbp}`,
        status: 200,
        stripeVersion: '2026-10-28.endive',
        idempotencyKey: 'key-1',
        authorization: 'bearer',
      }),
      expect.objectContaining({
        method: 'GET',
        query: 'limit=1',
        status: 401,
        authorization: 'none',
      }),
    ]);
    expect((await fetch(`${sandbox.url}/sandbox/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(sandbox.requests()).toEqual([]);
  });

  it('replays a POST with the same idempotency key, and refuses the key with other parameters', async () => {
    const preview = (key: string, subscription: string) =>
      fetch(`${sandbox.url}/v1/invoices/create_preview`, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': key,
        },
        body: `subscription=${subscription}`,
      });
    const first = await preview('same-key', DEMO.subscriptions.activeGbp);
    const again = await preview('same-key', DEMO.subscriptions.activeGbp);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
    const [a, b] = (await Promise.all([first.json(), again.json()])) as { id: string }[];
    expect(b?.id).toBe(a?.id);
    const other = await preview('same-key', DEMO.subscriptions.activeJpy);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: { type: 'idempotency_error' } });
  });
});

describe('Stripe sandbox: the global rate limit', () => {
  it('answers 429 rate_limit beyond its requests per second, then refills', async () => {
    const sandbox = await createStripeSandbox({ rateLimitPerSecond: 3 });
    try {
      const get = () =>
        fetch(`${sandbox.url}/v1/customers/${DEMO.customers.amelia}`, {
          headers: { Authorization: `Bearer ${STRIPE_SANDBOX_API_KEY}` },
        });
      const burst = await Promise.all([get(), get(), get(), get(), get()]);
      expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429]);
      const limited = burst.find((r) => r.status === 429);
      expect(limited?.headers.get('stripe-rate-limited-reason')).toBe('global-rate');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await get()).status).toBe(200);
      // Admin calls are never limited.
      expect((await fetch(`${sandbox.url}/sandbox/requests`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});
