import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';

describe('Zuora sandbox: faults, limits and the request log', () => {
  let sandbox: ZuoraSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox({ concurrencyLimit: 2 });
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${SANDBOX_CLIENT_ID}&client_secret=${SANDBOX_CLIENT_SECRET}&grant_type=client_credentials`,
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  afterAll(() => sandbox.close());

  const get = (path: string, version = '2025-08-12') =>
    fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'Zuora-Version': version },
    });
  const inject = (fault: unknown) =>
    fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fault),
    });

  it('answers the next N matching requests with 429 and Retry-After, then recovers', async () => {
    expect(
      (
        await inject({
          type: 'rate-limit',
          count: 2,
          retryAfterSeconds: 3,
          pathPrefix: '/v1/accounts',
        })
      ).status,
    ).toBe(201);
    const other = await get('/v1/subscriptions/A-S00000271');
    expect(other.status).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const limited = await get('/v1/accounts/A00000271');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(await limited.json()).toMatchObject({ success: false, reasons: [{ code: 50000070 }] });
    }
    expect((await get('/v1/accounts/A00000271')).status).toBe(200);
    expect(
      sandbox.requests({ pathPrefix: '/v1/accounts' }).map((r) => [r.status, r.fault]),
    ).toEqual([
      [429, 'rate-limit'],
      [429, 'rate-limit'],
      [200, null],
    ]);
  });

  it('injects 500 with Zuora’s envelope and 502 with a proxy page', async () => {
    await inject({ type: 'server-error', pathPrefix: '/v1/' });
    await inject({ type: 'server-error', status: 502, pathPrefix: '/v1/' });
    const internal = await get('/v1/accounts/A00000271');
    expect(internal.status).toBe(500);
    expect(await internal.json()).toMatchObject({ reasons: [{ code: 50000060 }] });
    const gateway = await get('/v1/accounts/A00000271');
    expect(gateway.status).toBe(502);
    expect(await gateway.text()).toContain('502 Bad Gateway');
  });

  it('injects a Zuora error in the request’s error style', async () => {
    await inject({
      type: 'zuora-error',
      category: 61,
      count: 2,
      message: 'Temporary error, retry later.',
    });
    const dateStyle = await get('/v1/accounts/A00000271');
    expect(dateStyle.status).toBe(500);
    const legacy = await get('/v1/accounts/A00000271', '211.0');
    expect(legacy.status).toBe(200);
    expect(await legacy.json()).toMatchObject({
      success: false,
      reasons: [{ code: 50000061, message: 'Temporary error, retry later.' }],
    });
  });

  it('delays requests, which count against the concurrency limit (429 category 70)', async () => {
    await inject({ type: 'delay', delayMs: 300, count: 2, pathPrefix: '/v1/accounts' });
    const slow = [get('/v1/accounts/A00000271'), get('/v1/accounts/A00000272')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await get('/v1/subscriptions/A-S00000271');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(third.headers.get('concurrency-limit-remaining')).toBe('0');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    const log = sandbox.requests();
    expect(log.filter((r) => r.fault === 'delay').every((r) => (r.durationMs ?? 0) >= 290)).toBe(
      true,
    );
  });

  it('lists and clears queued faults, and validates fault input', async () => {
    await inject({ type: 'rate-limit', count: 5 });
    const listed = (await (await fetch(`${sandbox.url}/sandbox/faults`)).json()) as {
      faults: { remaining: number }[];
    };
    expect(listed.faults).toEqual([expect.objectContaining({ type: 'rate-limit', remaining: 5 })]);
    expect((await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    const bad = await inject({ type: 'zuora-error', category: 42 });
    expect(bad.status).toBe(400);
  });

  it('logs requests with method, path, query, status, version and track id', async () => {
    await fetch(`${sandbox.url}/v1/subscriptions/accounts/A00000271?page=1&pageSize=2`, {
      headers: {
        Authorization: `Bearer ${token}`,
        'Zuora-Version': '2025-08-12',
        'Zuora-Track-Id': 'abc',
      },
    });
    const body = (await (
      await fetch(`${sandbox.url}/sandbox/requests?pathPrefix=/v1/`)
    ).json()) as { requests: unknown[] };
    expect(body.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v1/subscriptions/accounts/A00000271',
        query: 'page=1&pageSize=2',
        status: 200,
        zuoraVersion: '2025-08-12',
        trackId: 'abc',
        authorization: 'bearer',
      }),
    ]);
  });
});
