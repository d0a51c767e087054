import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';

async function tokenFor(sandbox: ZuoraSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
      grant_type: 'client_credentials',
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('Zuora sandbox: error styles and gateway headers', () => {
  let sandbox: ZuoraSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox();
    token = await tokenFor(sandbox);
  });
  afterAll(() => sandbox.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

  it('answers a missing subscription with HTTP 404 and code 50000040 from Zuora-Version 2024-05-20', async () => {
    const response = await get('/v1/subscriptions/A-S99999999', { 'Zuora-Version': '2024-05-20' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      success: false,
      processId: expect.any(String),
      reasons: [{ code: 50000040, message: "Cannot find entity by key: 'A-S99999999'." }],
    });
  });

  it('answers the same error with HTTP 200 and success:false for older versions and without the header', async () => {
    const styles: Record<string, string>[] = [
      { 'Zuora-Version': '211.0' },
      { 'Zuora-Version': '2023-10-01' },
      {},
    ];
    for (const headers of styles) {
      const response = await get('/v1/subscriptions/A-S99999999', headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        success: false,
        reasons: [{ code: 50000040, message: "Cannot find entity by key: 'A-S99999999'." }],
      });
    }
  });

  it('uses the tenant default version when the header is absent', async () => {
    const upgraded = await createZuoraSandbox({ defaultZuoraVersion: '2025-08-12' });
    try {
      const response = await fetch(`${upgraded.url}/v1/accounts/A99`, {
        headers: { Authorization: `Bearer ${await tokenFor(upgraded)}` },
      });
      expect(response.status).toBe(404);
    } finally {
      await upgraded.close();
    }
  });

  it('answers Object Query errors with { reasons, requestId } from 2025-08-12', async () => {
    const response = await get('/object-query/accounts?filter[]=nosuchfield.EQ:1', {
      'Zuora-Version': '2025-08-12',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      reasons: [
        { code: 50000027, message: "Invalid filter field 'nosuchfield' for object account." },
      ],
      requestId: response.headers.get('zuora-request-id'),
    });
  });

  it('sends Zuora-Request-Id, echoes Zuora-Track-Id and sends rate and concurrency limit headers', async () => {
    const response = await get('/v1/accounts/A00000271', { 'Zuora-Track-Id': 'sync-42' });
    expect(response.status).toBe(200);
    expect(response.headers.get('zuora-request-id')).toHaveLength(36);
    expect(response.headers.get('zuora-track-id')).toBe('sync-42');
    expect(response.headers.get('ratelimit-limit')).toBe('50000, 50000;w=60');
    expect(Number(response.headers.get('ratelimit-remaining'))).toBeLessThan(50000);
    expect(response.headers.get('concurrency-limit-type')).toBe('Default');
    expect(response.headers.get('concurrency-limit-limit')).toBe('40');
  });

  it('rejects a Zuora-Track-Id with forbidden characters', async () => {
    const response = await get('/v1/accounts/A00000271', {
      'Zuora-Track-Id': 'a:b',
      'Zuora-Version': '2025-08-12',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reasons: [{ code: 50000020 }] });
  });

  it('answers unknown routes like Zuora’s gateway', async () => {
    const response = await get('/v1/no-such-thing/here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'no Route matched with those values' });
  });
});
