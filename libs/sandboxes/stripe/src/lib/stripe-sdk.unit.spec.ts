import Stripe from 'stripe';
import { STRIPE_SANDBOX_API_VERSION } from './sandbox.constants';
import { STRIPE_SANDBOX_DEMO as DEMO } from './seed/demo.constants';
import { createStripeSandbox, type StripeSandbox } from './stripe-sandbox';

// The official SDK, unchanged, pointed at the sandbox with host/port/protocol.
describe('Stripe sandbox with the official SDK', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;

  beforeAll(async () => {
    sandbox = await createStripeSandbox({ rateLimitPerSecond: Infinity });
    stripe = new Stripe(sandbox.apiKey, {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 0,
    });
  });
  beforeEach(() => sandbox.clearRequests());
  afterAll(() => sandbox.close());

  it('speaks the API version the SDK pins', async () => {
    expect(STRIPE_SANDBOX_API_VERSION).toBe(Stripe.API_VERSION);
    const customer = await stripe.customers.retrieve(DEMO.customers.marcus);
    expect(customer.lastResponse.apiVersion).toBe(Stripe.API_VERSION);
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
  });

  it('auto-paginates a list with the SDK’s own cursor handling', async () => {
    const ids: string[] = [];
    for await (const invoice of stripe.invoices.list({ limit: 4 })) ids.push(invoice.id);
    expect(ids).toHaveLength(sandbox.store.listInvoices().length);
    expect(sandbox.requests().length).toBe(Math.ceil(ids.length / 4));
    expect(sandbox.requests()[1]?.query).toBe(`limit=4&starting_after=${ids[3]}`);
  });

  it('returns decimal strings that the SDK turns into Decimals', async () => {
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.activeGbp);
    const decimal = sub.items.data[0]?.price.unit_amount_decimal;
    expect(decimal?.toString()).toBe('1299');
  });

  it('raises the SDK’s typed errors from the sandbox’s envelopes', async () => {
    await expect(stripe.invoices.retrieve('in_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
    });
    sandbox.injectFault({ type: 'rate-limit' });
    await expect(stripe.customers.retrieve(DEMO.customers.amelia)).rejects.toMatchObject({
      type: 'StripeRateLimitError',
      statusCode: 429,
    });
    const noKey = new Stripe('sk_test_wrong', {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
      telemetry: false,
    });
    await expect(noKey.customers.retrieve(DEMO.customers.amelia)).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('replays create_preview for a repeated idempotency key, as Stripe’s idempotency layer does', async () => {
    const first = await stripe.invoices.createPreview(
      { subscription: DEMO.subscriptions.activeJpy },
      { idempotencyKey: 'k-1' },
    );
    const second = await stripe.invoices.createPreview(
      { subscription: DEMO.subscriptions.activeJpy },
      { idempotencyKey: 'k-1' },
    );
    expect(second.id).toBe(first.id);
    expect(sandbox.requests().map((r) => r.idempotencyKey)).toEqual(['k-1', 'k-1']);
  });
});
