import {
  clientFor,
  startSandbox,
  traffic,
  type ZuoraSandbox,
} from './testing/sandbox.fixture.spec';
import { ZuoraApiError } from './zuora-error';

describe('ZuoraClient authentication (against the sandbox)', () => {
  let sandbox: ZuoraSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => sandbox.clearRequests());
  afterAll(() => sandbox.close());

  it('requests one token for many calls, including concurrent ones', async () => {
    const zuora = clientFor(sandbox);
    await Promise.all([
      zuora.getSubscription('A-S00000271'),
      zuora.getAccount('A00000271'),
      zuora.getOrder('O-00000271'),
      zuora.getPaymentMethods('A00000271'),
    ]);
    await zuora.getAccount('A00000272');
    expect(sandbox.requests({ pathPrefix: '/oauth/token' })).toHaveLength(1);
    expect(
      sandbox
        .requests({ pathPrefix: '/v1/' })
        .every((r) => r.status === 200 && r.authorization === 'bearer'),
    ).toBe(true);
  });

  it('renews the token once and retries once when Zuora rejects it with 401', async () => {
    const zuora = clientFor(sandbox, { retries: 0 });
    await zuora.getAccount('A00000271');
    sandbox.expireTokens();
    const account = await zuora.getAccount('A00000272');
    expect(account.basicInfo.accountNumber).toBe('A00000272');
    expect(traffic(sandbox)).toEqual([
      'POST /oauth/token -> 200',
      'GET /v1/accounts/A00000271 -> 200',
      'GET /v1/accounts/A00000272 -> 401',
      'POST /oauth/token -> 200',
      'GET /v1/accounts/A00000272 -> 200',
    ]);
  });

  it('renews the token before it expires', async () => {
    const shortLived = await startSandbox({ tokenTtlSeconds: 1 });
    try {
      const zuora = clientFor(shortLived);
      await zuora.getAccount('A00000271');
      await new Promise((resolve) => setTimeout(resolve, 600)); // past half of the 1 s lifetime
      await zuora.getAccount('A00000271');
      expect(traffic(shortLived)).toEqual([
        'POST /oauth/token -> 200',
        'GET /v1/accounts/A00000271 -> 200',
        'POST /oauth/token -> 200',
        'GET /v1/accounts/A00000271 -> 200',
      ]);
    } finally {
      await shortLived.close();
    }
  });

  it('fails with UNAUTHORIZED, without retrying, when the credentials are wrong', async () => {
    const zuora = clientFor(sandbox, { clientSecret: 'not-the-secret' });
    const error = await zuora.getAccount('A00000271').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZuoraApiError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, httpStatus: 401 });
    expect((error as Error).message).toContain('Invalid client credentials');
    expect(traffic(sandbox)).toEqual(['POST /oauth/token -> 401']);
  });
});
