import { STRIPE_SANDBOX_DEMO as DEMO } from '@subsync/stripe-sandbox';
import {
  clientFor,
  failure,
  startSandbox,
  traffic,
  type StripeSandbox,
} from './testing/sandbox.fixture.spec';

const SUB = DEMO.subscriptions.activeGbp;

describe('StripeClient errors and resilience (the real SDK against the sandbox)', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  afterAll(() => sandbox.close());

  const statuses = (): (number | null)[] => sandbox.requests().map((r) => r.status);

  it('turns a missing subscription into NOT_FOUND with Stripe’s message, without retrying', async () => {
    const error = await failure(clientFor(sandbox).getSubscription('sub_missing'));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      retryable: false,
      httpStatus: 404,
      stripeCode: 'resource_missing',
      stripeType: 'invalid_request_error',
      param: 'id',
    });
    expect(error.message).toContain("No such subscription: 'sub_missing'");
    expect(error.requestId).toBe(sandbox.requests()[0]?.requestId);
    expect(statuses()).toEqual([404]);
  });

  it('rejects a wrong key with UNAUTHORIZED, without retrying', async () => {
    const error = await failure(
      clientFor(sandbox, { apiKey: 'sk_test_wrong0000000000000001' }).getCustomer(
        DEMO.customers.amelia,
      ),
    );
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', retryable: false, httpStatus: 401 });
    expect(error.message).toContain('Invalid API Key provided: sk_test_');
    expect(statuses()).toEqual([401]);
  });

  it('rides out a storm of three 429s and succeeds', async () => {
    sandbox.injectFault({ type: 'rate-limit', count: 3, pathPrefix: '/v1/subscriptions' });
    const started = Date.now();
    const sub = await clientFor(sandbox).getSubscription(SUB);
    expect(sub.id).toBe(SUB);
    expect(statuses()).toEqual([429, 429, 429, 200]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rides out the storm with the production backoff (0.5 s base, full jitter) in bounded time', async () => {
    sandbox.injectFault({ type: 'rate-limit', count: 3 });
    const started = Date.now();
    const stripe = clientFor(sandbox, { retryBaseDelayMs: undefined, retryMaxDelayMs: undefined });
    await expect(stripe.getSubscription(SUB)).resolves.toMatchObject({ id: SUB });
    expect(statuses()).toEqual([429, 429, 429, 200]);
    // At most 0.5 + 1 + 2 s of backoff.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('gives up with RATE_LIMITED after its retries, in bounded time', async () => {
    sandbox.injectFault({ type: 'rate-limit', count: 10 });
    const started = Date.now();
    const error = await failure(clientFor(sandbox, { maxRetries: 2 }).getSubscription(SUB));
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      httpStatus: 429,
      stripeCode: 'rate_limit',
    });
    expect(statuses()).toEqual([429, 429, 429]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a 429 lock_timeout that Stripe marks Stripe-Should-Retry: true', async () => {
    sandbox.injectFault({ type: 'rate-limit', code: 'lock_timeout', shouldRetry: true });
    await expect(clientFor(sandbox).getCustomer(DEMO.customers.marcus)).resolves.toMatchObject({
      id: DEMO.customers.marcus,
    });
    expect(statuses()).toEqual([429, 200]);
  });

  it('retries 500s and a proxy’s 502 HTML page, then succeeds', async () => {
    sandbox.injectFault({ type: 'server-error', count: 2 });
    sandbox.injectFault({ type: 'server-error', status: 502 });
    const invoices = await clientFor(sandbox).listPaidInvoices(SUB);
    expect(invoices).toHaveLength(4);
    expect(statuses()).toEqual([500, 500, 502, 200]);
  });

  it('does not retry a 500 that Stripe marks Stripe-Should-Retry: false', async () => {
    sandbox.injectFault({ type: 'server-error', shouldRetry: false });
    const error = await failure(
      clientFor(sandbox).getPaymentMethod(DEMO.paymentMethods.ameliaVisa),
    );
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: false,
      httpStatus: 500,
    });
    expect(error.message).toContain('An unknown error occurred');
    expect(statuses()).toEqual([500]);
  });

  it('keeps the status of a non-JSON error page and gives up with UPSTREAM_UNAVAILABLE', async () => {
    sandbox.injectFault({ type: 'server-error', status: 504, count: 10 });
    const error = await failure(clientFor(sandbox, { maxRetries: 1 }).previewUpcomingInvoice(SUB));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, httpStatus: 504 });
    expect(error.message).toContain('504 Gateway Timeout');
    expect(statuses()).toEqual([504, 504]);
  });

  it('times out a slow answer with TIMEOUT, after retrying it', async () => {
    sandbox.injectFault({ type: 'delay', delayMs: 1_000, count: 2 });
    const started = Date.now();
    const error = await failure(
      clientFor(sandbox, { timeoutMs: 150, maxRetries: 1 }).getSubscription(SUB),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, httpStatus: null });
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(900);
    expect(sandbox.requests().map((r) => r.fault)).toEqual(['delay', 'delay']);
  });

  it('honours a per-call timeout', async () => {
    sandbox.injectFault({ type: 'delay', delayMs: 400 });
    const sub = await clientFor(sandbox, { timeoutMs: 100 }).getSubscription(SUB, {
      timeoutMs: 2_000,
    });
    expect(sub.id).toBe(SUB);
    expect(statuses()).toEqual([200]);
  });

  it('recovers from a dropped connection', async () => {
    sandbox.injectFault({ type: 'connection-reset' });
    await expect(clientFor(sandbox).getCustomer(DEMO.customers.liam)).resolves.toMatchObject({
      id: DEMO.customers.liam,
    });
    expect(sandbox.requests().map((r) => r.fault)).toEqual(['connection-reset', null]);
  });

  it('reports an unreachable Stripe as UPSTREAM_UNAVAILABLE', async () => {
    const gone = await startSandbox();
    const stripe = clientFor(gone, { maxRetries: 1 });
    await gone.close();
    const error = await failure(stripe.getSubscription(SUB));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: true,
      httpStatus: null,
    });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('refuses an id that is not a Stripe id without calling Stripe', async () => {
    const error = await failure(clientFor(sandbox).getSubscription('../customers/cus_x'));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false, httpStatus: null });
    expect(traffic(sandbox)).toEqual([]);
  });

  it('reports an injected 400 as INVALID_REQUEST with Stripe’s code and param', async () => {
    sandbox.injectFault({
      type: 'stripe-error',
      status: 400,
      code: 'parameter_invalid_integer',
      param: 'limit',
      message: 'Invalid integer: x',
    });
    const error = await failure(clientFor(sandbox).listPaidInvoices(SUB));
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      stripeCode: 'parameter_invalid_integer',
      param: 'limit',
    });
    expect(error.message).toContain('Invalid integer: x');
  });
});

describe('StripeClient rate budget', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('spaces out a burst: one second of budget at once, then one request per 1/rate seconds', async () => {
    const stripe = clientFor(sandbox, { requestsPerSecond: 5 });
    await Promise.all(
      Array.from({ length: 10 }, () => stripe.getPaymentMethod(DEMO.paymentMethods.ameliaVisa)),
    );
    const at = sandbox.requests().map((r) => Date.parse(r.at));
    expect(at).toHaveLength(10);
    expect(sandbox.requests().every((r) => r.status === 200)).toBe(true);
    const first = at[0] ?? 0;
    // The first five go at once; the next five follow at ~200 ms intervals (10 requests ≈ 1 s).
    expect((at[4] ?? 0) - first).toBeLessThan(150);
    expect((at[9] ?? 0) - first).toBeGreaterThanOrEqual(850);
    expect((at[9] ?? 0) - first).toBeLessThan(2_000);
  });

  it('is shared by every client of the same account in the process, at the strictest rate', async () => {
    sandbox.clearRequests();
    // The budget of this account was restricted to 5 per second above and has been spent.
    const a = clientFor(sandbox, { requestsPerSecond: 25 });
    const b = clientFor(sandbox, { requestsPerSecond: 25 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await Promise.all(
      Array.from({ length: 4 }, (_, n) =>
        (n % 2 === 0 ? a : b).getPaymentMethod(DEMO.paymentMethods.ameliaVisa),
      ),
    );
    await Promise.all(
      Array.from({ length: 4 }, (_, n) =>
        (n % 2 === 0 ? a : b).getPaymentMethod(DEMO.paymentMethods.ameliaVisa),
      ),
    );
    const at = sandbox.requests().map((r) => Date.parse(r.at));
    expect((at[7] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(450);
  });
});
