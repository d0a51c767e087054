import { STRIPE_SANDBOX_API_KEY } from '../sandbox.constants';
import { STRIPE_SANDBOX_DEMO as DEMO } from '../seed/demo.constants';
import { createStripeSandbox, type StripeSandbox } from '../stripe-sandbox';

describe('Stripe sandbox: the admin API', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await createStripeSandbox({ seed: 'empty', rateLimitPerSecond: Infinity });
  });
  beforeEach(() => sandbox.reset('empty'));
  afterAll(() => sandbox.close());

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/sandbox${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${STRIPE_SANDBOX_API_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  async function seedOne(): Promise<void> {
    expect(
      (
        await admin('PUT', '/customers/cus_test1', {
          name: 'Test One',
          email: 't1@example.com',
          currency: 'gbp',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin('PUT', '/payment-methods/pm_test1', {
          customer: 'cus_test1',
          card: { brand: 'amex', last4: '0005', exp_month: 2, exp_year: 2031 },
        })
      ).status,
    ).toBe(201);
    const sub = await admin('PUT', '/subscriptions/sub_test1', {
      customer: 'cus_test1',
      start_date: '2026-01-15',
      items: [
        {
          id: 'si_test1',
          price: {
            id: 'price_test1',
            unit_amount: 999,
            recurring: { interval: 'month' },
            product: { name: 'Test' },
          },
        },
      ],
    });
    expect(sub.status).toBe(201);
  }

  it('starts empty, and reset loads the demo again', async () => {
    expect((await api(`/v1/customers/${DEMO.customers.amelia}`)).status).toBe(404);
    expect((await admin('POST', '/reset', { seed: 'demo' })).status).toBe(200);
    expect((await api(`/v1/customers/${DEMO.customers.amelia}`)).status).toBe(200);
  });

  it('creates customers, cards and subscriptions, and sets the customer’s default card', async () => {
    await seedOne();
    const patched = await admin('PATCH', '/customers/cus_test1', {
      invoice_settings: { default_payment_method: 'pm_test1' },
    });
    expect(await patched.json()).toMatchObject({
      invoice_settings: { default_payment_method: 'pm_test1' },
      name: 'Test One',
    });
    const { body } = await api(
      '/v1/subscriptions/sub_test1?expand[]=customer.invoice_settings.default_payment_method',
    );
    expect(body).toMatchObject({
      currency: 'gbp',
      status: 'active',
      customer: {
        invoice_settings: { default_payment_method: { card: { brand: 'amex', last4: '0005' } } },
      },
      items: {
        data: [{ id: 'si_test1', price: { id: 'price_test1', currency: 'gbp', unit_amount: 999 } }],
      },
    });
  });

  it('patches a subscription: cancellation fields, default card and item periods', async () => {
    await seedOne();
    const res = await admin('PATCH', '/subscriptions/sub_test1', {
      cancel_at_period_end: true,
      canceled_at: '2026-02-01T09:30:00Z',
      default_payment_method: 'pm_test1',
      items: [
        { id: 'si_test1', current_period_start: '2030-01-15', current_period_end: '2030-02-15' },
      ],
    });
    expect(res.status).toBe(200);
    const { body } = await api('/v1/subscriptions/sub_test1');
    expect(body).toMatchObject({
      cancel_at_period_end: true,
      canceled_at: Date.parse('2026-02-01T09:30:00Z') / 1000,
      default_payment_method: 'pm_test1',
      items: {
        data: [
          {
            current_period_start: Date.parse('2030-01-15') / 1000,
            current_period_end: Date.parse('2030-02-15') / 1000,
          },
        ],
      },
    });
    const preview = await api('/v1/invoices/create_preview', {
      method: 'POST',
      body: 'subscription=sub_test1',
    });
    expect(preview.status).toBe(404);
  });

  it('sets the upcoming invoice by hand, forces "none", and goes back to the computed one', async () => {
    await seedOne();
    const preview = () =>
      api('/v1/invoices/create_preview', { method: 'POST', body: 'subscription=sub_test1' });
    expect((await preview()).body).toMatchObject({ amount_due: 999 });
    await admin('PUT', '/subscriptions/sub_test1/upcoming-invoice', {
      lines: [
        { amount: 999, description: 'Test' },
        { amount: 500, description: 'One-off fee' },
      ],
      next_payment_attempt: '2030-01-01T00:00:00Z',
    });
    expect((await preview()).body).toMatchObject({
      amount_due: 1499,
      next_payment_attempt: Date.parse('2030-01-01T00:00:00Z') / 1000,
      lines: { data: [{ amount: 999 }, { amount: 500, description: 'One-off fee' }] },
    });
    await admin('PUT', '/subscriptions/sub_test1/upcoming-invoice', { none: true });
    expect((await preview()).status).toBe(404);
    expect((await admin('DELETE', '/subscriptions/sub_test1/upcoming-invoice')).status).toBe(204);
    expect((await preview()).body).toMatchObject({ amount_due: 999 });
  });

  it('creates invoices in every status, deriving amounts, transitions and numbers', async () => {
    await seedOne();
    const put = async (id: string, body: unknown) =>
      (await admin('PUT', `/invoices/${id}`, body)).json();
    await put('in_paid', {
      subscription: 'sub_test1',
      status: 'paid',
      created: '2026-01-15T10:00:00Z',
    });
    await put('in_open', { subscription: 'sub_test1', status: 'open', amount_due: 999 });
    await put('in_void', { subscription: 'sub_test1', status: 'void', amount_due: 999 });
    const draft = await put('in_draft', {
      customer: 'cus_test1',
      status: 'draft',
      lines: [{ amount: 250 }],
    });
    expect(draft).toMatchObject({
      number: null,
      amount_due: 250,
      parent: null,
      status_transitions: { finalized_at: null },
    });
    const { body } = await api('/v1/invoices/in_paid');
    expect(body).toMatchObject({
      number: 'TEST1-0001',
      amount_due: 999,
      amount_paid: 999,
      amount_remaining: 0,
      status_transitions: { paid_at: Date.parse('2026-01-15T11:00:00Z') / 1000 },
    });
    expect((await api('/v1/invoices/in_open')).body).toMatchObject({
      amount_paid: 0,
      amount_remaining: 999,
      next_payment_attempt: expect.any(Number),
    });
    expect((await api('/v1/invoices/in_void')).body).toMatchObject({
      status: 'void',
      status_transitions: { voided_at: expect.any(Number) },
    });
  });

  it('refuses bad input with a message: unknown fields, dangling references, mixed currencies', async () => {
    await seedOne();
    const typo = await admin('PATCH', '/subscriptions/sub_test1', { cancelAtPeriodEnd: true });
    expect([typo.status, await typo.json()]).toEqual([
      400,
      { message: expect.stringContaining('cancelAtPeriodEnd') },
    ]);
    const dangling = await admin('PUT', '/subscriptions/sub_test2', {
      customer: 'cus_nobody',
      items: [{ price: 'price_test1' }],
    });
    expect([dangling.status, await dangling.json()]).toEqual([
      404,
      { message: "no customer 'cus_nobody'" },
    ]);
    const mixed = await admin('PUT', '/subscriptions/sub_test3', {
      customer: 'cus_test1',
      items: [{ price: 'price_test1' }, { price: { unit_amount: 100, currency: 'usd' } }],
    });
    expect(mixed.status).toBe(400);
    const badId = await admin('PUT', '/customers/customer-1', {});
    expect(badId.status).toBe(400);
  });
});
