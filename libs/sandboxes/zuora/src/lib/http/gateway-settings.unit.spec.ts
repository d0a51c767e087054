import { SandboxInputError } from '@subsync/sandbox-kit';
import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';

type Stats = Record<string, number>;

async function issueToken(sandbox: ZuoraSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `client_id=${SANDBOX_CLIENT_ID}&client_secret=${SANDBOX_CLIENT_SECRET}&grant_type=client_credentials`,
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('Zuora sandbox: latency, concurrency limits and stats', () => {
  let sandbox: ZuoraSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox();
    token = await issueToken(sandbox);
  });
  beforeEach(() => {
    sandbox.configure({ latencyMs: 0, concurrencyLimit: 40, objectQueryConcurrencyLimit: 80 });
    sandbox.resetStats();
  });
  afterAll(() => sandbox.close());

  /** Status, how long the answer took, and the concurrency headers. */
  const timedGet = async (path: string) => {
    const started = Date.now();
    const response = await fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'Zuora-Version': '2025-08-12' },
    });
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: Date.now() - started,
      type: response.headers.get('concurrency-limit-type'),
      limit: response.headers.get('concurrency-limit-limit'),
      retryAfter: response.headers.get('retry-after'),
    };
  };
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/sandbox${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const stats = async (): Promise<Stats> => (await (await admin('GET', '/stats')).json()) as Stats;

  it('answers after the latency while holding the slot: limit 2, three at once, one 429', async () => {
    const put = await admin('PUT', '/settings', { latencyMs: 200, concurrencyLimit: 2 });
    expect(await put.json()).toEqual({
      latencyMs: 200,
      concurrencyLimit: 2,
      objectQueryConcurrencyLimit: 80,
      segmentShape: 'rich',
    });
    const answers = await Promise.all([
      timedGet('/v1/subscriptions/A-S00000271'),
      timedGet('/v1/accounts/A00000271'),
      timedGet('/v1/subscriptions/A-S00000272'),
    ]);
    const limited = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ retryAfter: '1', type: 'Default', limit: '2' });
    expect(limited[0]!.ms).toBeLessThan(150);
    expect(served).toHaveLength(2);
    for (const answer of served) expect(answer.ms).toBeGreaterThanOrEqual(195);
    expect(await stats()).toEqual({
      inFlight: 0,
      maxInFlight: 2,
      objectQueryInFlight: 0,
      maxObjectQueryInFlight: 0,
      served: 2,
      rejectedConcurrency: 1,
      rejectedRate: 0,
    });
  });

  it('makes token requests wait too, but never admin calls', async () => {
    sandbox.configure({ latencyMs: 300 });
    const started = Date.now();
    await issueToken(sandbox);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    const adminStarted = Date.now();
    expect((await admin('GET', '/settings')).status).toBe(200);
    expect(Date.now() - adminStarted).toBeLessThan(150);
    expect((await stats()).served).toBe(1);
  });

  it('counts Object Query against its own limit, apart from /v1', async () => {
    sandbox.configure({ latencyMs: 200, concurrencyLimit: 1, objectQueryConcurrencyLimit: 2 });
    const mixed = await Promise.all([
      timedGet('/v1/accounts/A00000271'),
      timedGet('/object-query/accounts?pageSize=1'),
      timedGet('/object-query/accounts?pageSize=2'),
    ]);
    expect(mixed.map((a) => [a.status, a.type, a.limit])).toEqual([
      [200, 'Default', '1'],
      [200, 'Object Query', '2'],
      [200, 'Object Query', '2'],
    ]);
    const queries = await Promise.all([1, 2, 3].map(() => timedGet('/object-query/accounts')));
    expect(queries.map((a) => a.status).sort()).toEqual([200, 200, 429]);
    expect(await stats()).toMatchObject({
      maxInFlight: 1,
      maxObjectQueryInFlight: 2,
      rejectedConcurrency: 1,
      served: 5,
    });
  });

  it('resets counters and maxima, keeping what is in flight', async () => {
    await timedGet('/v1/accounts/A00000271');
    sandbox.configure({ latencyMs: 300 });
    const slow = timedGet('/v1/accounts/A00000272');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await admin('DELETE', '/stats')).status).toBe(204);
    expect(await stats()).toMatchObject({ inFlight: 1, maxInFlight: 1, served: 0 });
    expect((await slow).status).toBe(200);
    expect(await stats()).toMatchObject({ inFlight: 0, maxInFlight: 1, served: 1 });
    expect((await admin('POST', '/reset', {})).status).toBe(200);
    expect(await stats()).toMatchObject({ maxInFlight: 0, served: 0 });
  });

  it('refuses bad settings with 400 naming the field, and keeps the old ones', async () => {
    for (const body of [
      { latencyMs: -1 },
      { concurrencyLimit: 0 },
      { objectQueryConcurrencyLimit: 1.5 },
      { latencyMs: '100' },
      { latency: 100 },
    ]) {
      const answer = await admin('PUT', '/settings', body);
      expect(answer.status).toBe(400);
      const { message } = (await answer.json()) as { message: string };
      expect(message).toContain(Object.keys(body)[0]);
    }
    expect(() => sandbox.configure({ latencyMs: -5 })).toThrow(SandboxInputError);
    expect(await (await admin('GET', '/settings')).json()).toEqual({
      latencyMs: 0,
      concurrencyLimit: 40,
      objectQueryConcurrencyLimit: 80,
      segmentShape: 'rich',
    });
  });
});

describe('Zuora sandbox: rate-limit stats', () => {
  it('counts 429s of the per-minute rate limit apart from the concurrency ones', async () => {
    const sandbox = await createZuoraSandbox({ rateLimitPerMinute: 2 });
    try {
      const token = await issueToken(sandbox);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${sandbox.url}/v1/accounts/A00000271`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(sandbox.stats()).toMatchObject({ rejectedRate: 1, rejectedConcurrency: 0, served: 3 });
    } finally {
      await sandbox.close();
    }
  });
});
