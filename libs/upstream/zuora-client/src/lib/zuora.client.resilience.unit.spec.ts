import {
  clientFor,
  startSandbox,
  traffic,
  type ZuoraSandbox,
} from './testing/sandbox.fixture.spec';
import { ZuoraApiError } from './zuora-error';

const failure = (promise: Promise<unknown>): Promise<ZuoraApiError> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!(error instanceof ZuoraApiError)) throw error;
      return error;
    },
  );

describe('ZuoraClient errors and resilience (against the sandbox)', () => {
  let sandbox: ZuoraSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ concurrencyLimit: 3 });
  });
  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  afterAll(() => sandbox.close());

  it('turns a missing subscription into NOT_FOUND with Zuora’s reason, without retrying', async () => {
    const error = await failure(clientFor(sandbox).getSubscription('A-S99999999'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
      httpStatus: 404,
      zuoraCode: 50000040,
    });
    expect(error.message).toContain("Cannot find entity by key: 'A-S99999999'.");
    expect(sandbox.requests({ pathPrefix: '/v1/' })).toHaveLength(1);
  });

  it('gives the same typed error for both error styles', async () => {
    const dateStyle = await failure(clientFor(sandbox).getAccount('A404'));
    const legacy = await failure(clientFor(sandbox, { zuoraVersion: '211.0' }).getAccount('A404'));
    expect(sandbox.requests({ pathPrefix: '/v1/' }).map((r) => [r.zuoraVersion, r.status])).toEqual(
      [
        ['2025-08-12', 404],
        ['211.0', 200],
      ],
    );
    for (const error of [dateStyle, legacy]) {
      expect(error).toMatchObject({ code: 'NOT_FOUND', retryable: false, zuoraCode: 50000040 });
      expect(error.reasons).toEqual([
        { code: 50000040, message: "Cannot find entity by key: 'A404'." },
      ]);
    }
    expect([dateStyle.httpStatus, legacy.httpStatus]).toEqual([404, 200]);
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 1, pathPrefix: '/v1/' });
    const sub = await clientFor(sandbox).getSubscription('A-S00000271');
    expect(sub.subscriptionNumber).toBe('A-S00000271');
    const calls = sandbox.requests({ pathPrefix: '/v1/' });
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect(Date.parse(calls[1]!.at) - Date.parse(calls[0]!.at)).toBeGreaterThanOrEqual(990);
  });

  it('does not wait out a Retry-After longer than its maximum delay', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 120, pathPrefix: '/v1/' });
    const error = await failure(clientFor(sandbox).getAccount('A00000271'));
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      httpStatus: 429,
      retryAfterMs: 120_000,
    });
    expect(sandbox.requests({ pathPrefix: '/v1/' })).toHaveLength(1);
  });

  it('retries 500s and proxy 502s, then succeeds', async () => {
    sandbox.injectFault({ type: 'server-error', count: 2, pathPrefix: '/v1/' });
    sandbox.injectFault({ type: 'server-error', status: 502, pathPrefix: '/v1/' });
    const account = await clientFor(sandbox).getAccount('A00000271');
    expect(account.basicInfo.name).toBe('Amelia Hartley');
    expect(sandbox.requests({ pathPrefix: '/v1/' }).map((r) => r.status)).toEqual([
      500, 500, 502, 200,
    ]);
  });

  it('retries a temporary error (category 61) reported with HTTP 200, as it does with HTTP 500', async () => {
    sandbox.injectFault({ type: 'zuora-error', category: 61, pathPrefix: '/v1/' });
    const account = await clientFor(sandbox, { zuoraVersion: '211.0' }).getAccount('A00000271');
    expect(account.basicInfo.accountNumber).toBe('A00000271');
    expect(sandbox.requests({ pathPrefix: '/v1/' }).map((r) => [r.status, r.fault])).toEqual([
      [200, 'zuora-error'],
      [200, null],
    ]);
  });

  it('with a deadline, keeps retrying 429s beyond the retries, since a 429 means only "not now"', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 0, count: 4, pathPrefix: '/v1/' });
    const account = await clientFor(sandbox, { retries: 1 }).getAccount('A00000271', {
      signal: AbortSignal.timeout(10_000),
    });
    expect(account.basicInfo.accountNumber).toBe('A00000271');
    expect(sandbox.requests({ pathPrefix: '/v1/' }).map((r) => r.status)).toEqual([
      429, 429, 429, 429, 200,
    ]);
  });

  it('without a deadline, counts 429s toward the retries', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 0, count: 4, pathPrefix: '/v1/' });
    const error = await failure(clientFor(sandbox, { retries: 1 }).getAccount('A00000271'));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429 });
    expect(sandbox.requests({ pathPrefix: '/v1/' })).toHaveLength(2);
  });

  it('stops retrying once the deadline passes', async () => {
    sandbox.injectFault({
      type: 'rate-limit',
      retryAfterSeconds: 1,
      count: 100,
      pathPrefix: '/v1/',
    });
    const started = Date.now();
    await expect(
      clientFor(sandbox).getAccount('A00000271', { signal: AbortSignal.timeout(1_500) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(sandbox.requests({ pathPrefix: '/v1/' }).length).toBeLessThanOrEqual(2);
  });

  it('gives up after the configured retries with the last error', async () => {
    sandbox.injectFault({ type: 'server-error', count: 10, pathPrefix: '/v1/' });
    const error = await failure(clientFor(sandbox, { retries: 2 }).getAccount('A00000271'));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
      httpStatus: 500,
      zuoraCode: 50000060,
    });
    expect(sandbox.requests({ pathPrefix: '/v1/' })).toHaveLength(3);
  });

  it('times out a slow answer with TIMEOUT', async () => {
    sandbox.injectFault({ type: 'delay', delayMs: 1_000, count: 2, pathPrefix: '/v1/' });
    const started = Date.now();
    const error = await failure(
      clientFor(sandbox, { timeoutMs: 150, retries: 1 }).getAccount('A00000271'),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, httpStatus: null });
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(900);
    expect(sandbox.requests({ pathPrefix: '/v1/' })).toHaveLength(2);
  });

  it('keeps requests in flight within maxConcurrency, so Zuora’s concurrency limit is not hit', async () => {
    sandbox.injectFault({ type: 'delay', delayMs: 100, count: 9, pathPrefix: '/v1/' });
    const zuora = clientFor(sandbox, { maxConcurrency: 3, retries: 0 });
    const numbers = [
      'A00000271',
      'A00000272',
      'A00000273',
      'A00000275',
      'A00000276',
      'A00000271',
      'A00000272',
      'A00000273',
      'A00000275',
    ];
    const accounts = await Promise.all(numbers.map((n) => zuora.getAccount(n)));
    expect(accounts.map((a) => a.basicInfo.accountNumber)).toEqual(numbers);
    expect(sandbox.requests({ pathPrefix: '/v1/' }).every((r) => r.status === 200)).toBe(true);
  });

  it('reports a response of an unexpected shape as UNEXPECTED_RESPONSE', async () => {
    sandbox.store.patchSubscription('A-S00000276', { status: 'Frozen' });
    const error = await failure(clientFor(sandbox).getSubscription('A-S00000276'));
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', retryable: false, httpStatus: 200 });
    expect(error.message).toContain('status');
  });

  it('reports an unreachable Zuora as UPSTREAM_UNAVAILABLE', async () => {
    const gone = await startSandbox();
    const zuora = clientFor(gone, { retries: 1 });
    await gone.close();
    const error = await failure(zuora.getAccount('A00000271'));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
      httpStatus: null,
    });
    expect(traffic(sandbox)).toEqual([]);
  });
});
