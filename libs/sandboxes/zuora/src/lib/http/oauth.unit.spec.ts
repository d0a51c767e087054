import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';

describe('Zuora sandbox: OAuth and bearer authentication', () => {
  let now = new Date('2025-03-10T12:00:00.000Z');
  let sandbox: ZuoraSandbox;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox({ tokenTtlSeconds: 600, clock: () => now });
  });
  afterAll(() => sandbox.close());

  const requestToken = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const goodCredentials = {
    client_id: SANDBOX_CLIENT_ID,
    client_secret: SANDBOX_CLIENT_SECRET,
    grant_type: 'client_credentials',
  };
  const getAccount = (token?: string) =>
    fetch(
      `${sandbox.url}/v1/accounts/A00000271`,
      token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    );

  it('issues a bearer token for the client credentials, in Zuora’s token response shape', async () => {
    const response = await requestToken(goodCredentials);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit-minute')).toBe('100');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      token_type: 'bearer',
      expires_in: 600,
      scope: expect.stringMatching(
        /^user\.[0-9a-f]{32} entity\.[0-9a-f-]{36} service\.echo\.read tenant\.19$/,
      ),
      jti: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(SANDBOX_CLIENT_ID).toHaveLength(36);
  });

  it('answers unknown credentials with 401 invalid_client', async () => {
    const response = await requestToken({ ...goodCredentials, client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client credentials.',
    });
  });

  it('rejects other grant types, missing fields and an Authorization header with 400', async () => {
    const wrongGrant = await requestToken({ ...goodCredentials, grant_type: 'password' });
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const missing = await requestToken({ client_id: SANDBOX_CLIENT_ID });
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    const withAuthorization = await requestToken(goodCredentials, { Authorization: 'Basic abc' });
    expect(withAuthorization.status).toBe(400);
  });

  it('answers /v1 calls without a token with 401, WWW-Authenticate and the error envelope', async () => {
    const response = await getAccount();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="Zuora"');
    expect(await response.json()).toEqual({
      success: false,
      processId: expect.stringMatching(/^[0-9A-F]{16}$/),
      reasons: [{ code: 90000011, message: 'this resource is protected, please sign in first' }],
    });
    const unknown = await getAccount('0'.repeat(32));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('stops accepting a token once its lifetime has passed', async () => {
    const { access_token: token } = (await (await requestToken(goodCredentials)).json()) as {
      access_token: string;
    };
    expect((await getAccount(token)).status).toBe(200);
    now = new Date(now.getTime() + 601_000);
    const expired = await getAccount(token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('The access token expired');
  });

  it('expires every token at once on the expire-tokens fault', async () => {
    const { access_token: token } = (await (await requestToken(goodCredentials)).json()) as {
      access_token: string;
    };
    expect((await getAccount(token)).status).toBe(200);
    const fault = await fetch(`${sandbox.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'expire-tokens' }),
    });
    expect(fault.status).toBe(200);
    expect((await getAccount(token)).status).toBe(401);
  });
});
