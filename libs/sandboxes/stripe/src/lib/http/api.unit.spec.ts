import { STRIPE_SANDBOX_API_KEY, STRIPE_SANDBOX_API_VERSION } from '../sandbox.constants';
import { STRIPE_SANDBOX_DEMO as DEMO } from '../seed/demo.constants';
import { createStripeSandbox, type StripeSandbox } from '../stripe-sandbox';

interface ErrorBody {
  error: {
    type: string;
    code?: string;
    message: string;
    param?: string;
    doc_url?: string;
    request_log_url?: string;
  };
}
interface ListBody {
  object: string;
  url: string;
  has_more: boolean;
  data: { id: string; [key: string]: unknown }[];
}

describe('Stripe sandbox: the v1 API over HTTP', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await createStripeSandbox({ rateLimitPerSecond: Infinity });
  });
  beforeEach(() => sandbox.reset('demo'));
  afterAll(() => sandbox.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${STRIPE_SANDBOX_API_KEY}`, ...headers },
    });
  const post = (path: string, body: string) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${STRIPE_SANDBOX_API_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

  it('needs the secret key, and answers 401 in Stripe’s envelope without it', async () => {
    const none = await fetch(`${sandbox.url}/v1/customers/${DEMO.customers.amelia}`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="Stripe"');
    expect((await json<ErrorBody>(none)).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('You did not provide an API key'),
    });
    const wrong = await get(`/v1/customers/${DEMO.customers.amelia}`, {
      Authorization: 'Bearer sk_test_nope1234',
    });
    expect((await json<ErrorBody>(wrong)).error.message).toBe(
      'Invalid API Key provided: sk_test_****1234',
    );
    const basic = await fetch(`${sandbox.url}/v1/customers/${DEMO.customers.amelia}`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${STRIPE_SANDBOX_API_KEY}:`).toString('base64')}`,
      },
    });
    expect(basic.status).toBe(200);
  });

  it('sends Request-Id and echoes Stripe-Version, or declares the account’s', async () => {
    const pinned = await get(`/v1/payment_methods/${DEMO.paymentMethods.ameliaVisa}`, {
      'Stripe-Version': '2025-03-31.basil',
    });
    expect(pinned.headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(pinned.headers.get('stripe-version')).toBe('2025-03-31.basil');
    const plain = await get(`/v1/payment_methods/${DEMO.paymentMethods.ameliaVisa}`);
    expect(plain.headers.get('stripe-version')).toBe(STRIPE_SANDBOX_API_VERSION);
    const bad = await get(`/v1/payment_methods/${DEMO.paymentMethods.ameliaVisa}`, {
      'Stripe-Version': 'latest',
    });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.message).toBe('Invalid Stripe API version: latest');
  });

  it('answers a missing object with 404 resource_missing', async () => {
    const response = await get('/v1/subscriptions/sub_missing');
    expect(response.status).toBe(404);
    const { error } = await json<ErrorBody>(response);
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: "No such subscription: 'sub_missing'",
      param: 'id',
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    });
    expect(error.request_log_url).toContain(response.headers.get('request-id'));
  });

  it('answers GET /v1/invoices/upcoming (removed in basil) like any unknown URL', async () => {
    for (const path of [
      '/v1/invoices/upcoming',
      '/v1/invoices/upcoming?subscription=sub_demoActiveGbp',
      '/v1/nothing',
    ]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      const { error } = await json<ErrorBody>(response);
      expect(error.code).toBeUndefined();
      expect(error.message).toMatch(
        /^Unrecognized request URL \(GET: \/v1\/(invoices\/upcoming|nothing)\)\./,
      );
    }
  });

  it('refuses unknown parameters and malformed lists', async () => {
    const unknown = await get('/v1/invoices?subscriptions=sub_demoActiveGbp');
    expect((await json<ErrorBody>(unknown)).error).toMatchObject({
      code: 'parameter_unknown',
      param: 'subscriptions',
    });
    const limit = await get('/v1/invoices?limit=101');
    expect((await json<ErrorBody>(limit)).error).toMatchObject({
      param: 'limit',
      message: 'This value must be less than or equal to 100.',
    });
    const both = await get(
      '/v1/invoices?starting_after=in_demoActiveGbp04&ending_before=in_demoActiveGbp01',
    );
    expect((await json<ErrorBody>(both)).error.code).toBe('parameters_exclusive');
    const cursor = await get('/v1/invoices?starting_after=in_nothing');
    expect(cursor.status).toBe(400);
    expect((await json<ErrorBody>(cursor)).error).toMatchObject({
      code: 'resource_missing',
      param: 'starting_after',
    });
  });

  it('lists invoices newest first, filtered, with cursor paging both ways', async () => {
    const page = (query: string) => get(`/v1/invoices?${query}`).then((r) => json<ListBody>(r));
    const first = await page('subscription=sub_demoActiveGbp&status=paid&limit=3');
    expect(first).toMatchObject({ object: 'list', url: '/v1/invoices', has_more: true });
    expect(first.data.map((i) => i.id)).toEqual([
      'in_demoActiveGbp04',
      'in_demoActiveGbp03',
      'in_demoActiveGbp02',
    ]);
    const second = await page(
      'subscription=sub_demoActiveGbp&status=paid&limit=3&starting_after=in_demoActiveGbp02',
    );
    expect([second.has_more, second.data.map((i) => i.id)]).toEqual([
      false,
      ['in_demoActiveGbp01'],
    ]);
    const back = await page(
      'subscription=sub_demoActiveGbp&limit=2&ending_before=in_demoActiveGbp01',
    );
    expect([back.has_more, back.data.map((i) => i.id)]).toEqual([
      true,
      ['in_demoActiveGbp03', 'in_demoActiveGbp02'],
    ]);
    const defaults = await page('');
    expect(defaults.data).toHaveLength(10);
    const open = await page(`status=open&customer=${DEMO.customers.liam}`);
    expect(open.data.map((i) => i.id)).toEqual([DEMO.invoices.pastDueOpen]);
  });

  it('links invoices to their subscription through parent.subscription_details (no top-level field)', async () => {
    const invoice = await get(`/v1/invoices/${DEMO.invoices.activeGbpLatest}`).then((r) =>
      json<Record<string, unknown>>(r),
    );
    expect(invoice).toMatchObject({
      object: 'invoice',
      status: 'paid',
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: DEMO.subscriptions.activeGbp },
      },
      lines: {
        object: 'list',
        url: `/v1/invoices/${DEMO.invoices.activeGbpLatest}/lines`,
        has_more: false,
      },
    });
    expect(invoice).not.toHaveProperty('subscription');
    expect(invoice).not.toHaveProperty('paid');
  });

  it('puts the billing period on subscription items, not on the subscription', async () => {
    const sub = await get(`/v1/subscriptions/${DEMO.subscriptions.activeGbp}`).then((r) =>
      json<Record<string, unknown>>(r),
    );
    expect(sub).not.toHaveProperty('current_period_end');
    expect(sub).toMatchObject({
      items: {
        object: 'list',
        url: `/v1/subscription_items?subscription=${DEMO.subscriptions.activeGbp}`,
        data: [
          {
            object: 'subscription_item',
            current_period_end: expect.any(Number),
            price: { unit_amount: 1299, unit_amount_decimal: '1299' },
          },
          { object: 'subscription_item', price: { unit_amount: 200 } },
        ],
      },
    });
    const items = await get(
      `/v1/subscription_items?subscription=${DEMO.subscriptions.activeGbp}&limit=1`,
    ).then((r) => json<ListBody>(r));
    expect([items.has_more, items.data.map((i) => i.id)]).toEqual([
      true,
      [DEMO.subscriptionItems.activeGbpDigital],
    ]);
    const missing = await get('/v1/subscription_items');
    expect((await json<ErrorBody>(missing)).error).toMatchObject({
      code: 'parameter_missing',
      param: 'subscription',
    });
  });

  it('expands what Stripe can expand, nested paths included, and refuses the rest', async () => {
    const sub = await get(
      `/v1/subscriptions/${DEMO.subscriptions.activeJpy}?expand[]=default_payment_method&expand[]=customer&expand[]=items.data.price.product`,
    ).then((r) => json<Record<string, unknown>>(r));
    expect(sub).toMatchObject({
      default_payment_method: {
        object: 'payment_method',
        card: { brand: 'mastercard', last4: '4444' },
      },
      customer: { object: 'customer', id: DEMO.customers.haruto },
      items: {
        data: [{ price: { product: { object: 'product', name: 'Digital Subscription' } } }],
      },
    });
    const customer = await get(
      `/v1/customers/${DEMO.customers.amelia}?expand[0]=invoice_settings.default_payment_method`,
    ).then((r) => json<Record<string, unknown>>(r));
    expect(customer).toMatchObject({
      invoice_settings: { default_payment_method: { id: DEMO.paymentMethods.ameliaVisa } },
    });
    const nested = await get(
      `/v1/invoices?subscription=${DEMO.subscriptions.activeGbp}&limit=1&expand[]=data.customer.invoice_settings.default_payment_method`,
    ).then((r) => json<ListBody>(r));
    expect(nested.data[0]).toMatchObject({
      customer: { invoice_settings: { default_payment_method: { card: { last4: '4242' } } } },
    });
    const embedded = await get(
      `/v1/subscriptions/${DEMO.subscriptions.activeGbp}?expand[]=items.data.price`,
    );
    expect(embedded.status).toBe(400);
    expect((await json<ErrorBody>(embedded)).error.message).toBe(
      'This property cannot be expanded (items.data.price).',
    );
  });

  it('previews the next invoice of a subscription, and answers invoice_upcoming_none when there is none', async () => {
    const preview = await post(
      '/v1/invoices/create_preview',
      `subscription=${DEMO.subscriptions.pastDue}`,
    );
    expect(preview.status).toBe(200);
    expect(await json<Record<string, unknown>>(preview)).toMatchObject({
      id: expect.stringMatching(/^upcoming_in_/),
      object: 'invoice',
      status: 'draft',
      billing_reason: 'upcoming',
      number: null,
      amount_due: 1000,
      currency: 'eur',
      next_payment_attempt: expect.any(Number),
    });
    const none = await post(
      '/v1/invoices/create_preview',
      `subscription=${DEMO.subscriptions.cancelAtPeriodEnd}`,
    );
    expect(none.status).toBe(404);
    expect((await json<ErrorBody>(none)).error).toMatchObject({
      code: 'invoice_upcoming_none',
      message: `No upcoming invoices for customer: ${DEMO.customers.marcus}`,
    });
    const nothing = await post('/v1/invoices/create_preview', `customer=${DEMO.customers.amelia}`);
    expect((await json<ErrorBody>(nothing)).error.message).toContain(
      'You must provide at least one of: `subscription`',
    );
    const missing = await post('/v1/invoices/create_preview', 'subscription=sub_missing');
    expect(missing.status).toBe(400);
    expect((await json<ErrorBody>(missing)).error).toMatchObject({
      code: 'resource_missing',
      param: 'subscription',
    });
  });

  it('lists a customer’s payment methods', async () => {
    const list = await get(`/v1/customers/${DEMO.customers.haruto}/payment_methods?type=card`).then(
      (r) => json<ListBody>(r),
    );
    expect(list.data.map((pm) => pm.id)).toEqual([DEMO.paymentMethods.harutoMastercard]);
  });
});
