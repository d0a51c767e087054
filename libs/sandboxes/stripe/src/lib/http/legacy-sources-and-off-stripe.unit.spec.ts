import Stripe from 'stripe';
import { createStripeSandbox, type StripeSandbox } from '../stripe-sandbox';

// Legacy sources (`card_…`, `src_…`) on customers and subscriptions, and an invoice paid outside
// Stripe, read through the official SDK as subsync reads them.
describe('Stripe sandbox: legacy sources and off-Stripe payments', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;

  beforeAll(async () => {
    sandbox = await createStripeSandbox({ seed: 'empty', rateLimitPerSecond: Infinity });
    stripe = new Stripe(sandbox.apiKey, {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 0,
    });
  });
  beforeEach(() => sandbox.reset('empty'));
  afterAll(() => sandbox.close());

  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${sandbox.url}/sandbox${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  async function customerWithLegacySources(): Promise<void> {
    await admin('PUT', '/customers/cus_legacy', { name: 'Legacy', currency: 'gbp' });
    const card = await admin('PUT', '/sources/card_legacyAmex', {
      customer: 'cus_legacy',
      card: { brand: 'American Express', last4: '0005', exp_month: 3, exp_year: 2031 },
    });
    expect(card.status).toBe(201);
    await admin('PUT', '/sources/src_legacyMc', {
      customer: 'cus_legacy',
      card: { brand: 'MasterCard', last4: '5100', exp_month: 11, exp_year: 2028 },
    });
    await admin('PATCH', '/customers/cus_legacy', { default_source: 'card_legacyAmex' });
    await admin('PUT', '/subscriptions/sub_legacy', {
      customer: 'cus_legacy',
      default_source: 'src_legacyMc',
      items: [{ price: { unit_amount: 1299, recurring: { interval: 'month' } } }],
    });
  }

  it("shows a customer's default source as an id, and as a Card object when expanded", async () => {
    await customerWithLegacySources();
    const plain = (await stripe.customers.retrieve('cus_legacy')) as Stripe.Customer;
    expect(plain.default_source).toBe('card_legacyAmex');
    const expanded = (await stripe.customers.retrieve('cus_legacy', {
      expand: ['default_source'],
    })) as Stripe.Customer;
    expect(expanded.default_source).toMatchObject({
      id: 'card_legacyAmex',
      object: 'card',
      brand: 'American Express',
      last4: '0005',
      exp_month: 3,
      exp_year: 2031,
      customer: 'cus_legacy',
    });
  });

  it("expands a subscription's default source (a Source of type card) and its customer's", async () => {
    await customerWithLegacySources();
    const sub = await stripe.subscriptions.retrieve('sub_legacy', {
      expand: ['default_source', 'customer.default_source'],
    });
    expect(sub.default_source).toMatchObject({
      id: 'src_legacyMc',
      object: 'source',
      type: 'card',
      card: { brand: 'MasterCard', last4: '5100', exp_month: 11, exp_year: 2028 },
    });
    expect((sub.customer as Stripe.Customer).default_source).toMatchObject({
      id: 'card_legacyAmex',
      object: 'card',
    });
    await expect(
      stripe.customers.retrieveSource('cus_legacy', 'src_legacyMc'),
    ).resolves.toMatchObject({ id: 'src_legacyMc', object: 'source' });
  });

  it('refuses a default source that is missing or belongs to another customer', async () => {
    await customerWithLegacySources();
    await admin('PUT', '/customers/cus_other', { name: 'Other' });
    const foreign = await admin('PATCH', '/customers/cus_other', {
      default_source: 'card_legacyAmex',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/does not belong to customer 'cus_other'/);
    expect(
      (await admin('PATCH', '/subscriptions/sub_legacy', { default_source: 'src_gone' })).status,
    ).toBe(404);
    const badCard = await admin('PUT', '/sources/card_bad', {
      customer: 'cus_legacy',
      card: { brand: 'Visa', last4: '42', exp_month: 13, exp_year: 2030 },
    });
    expect(badCard.status).toBe(400);
    // Nothing changed.
    const customer = (await stripe.customers.retrieve('cus_other')) as Stripe.Customer;
    expect(customer.default_source).toBeNull();
  });

  it('sends amount_paid_off_stripe only when asked for, on an invoice and through a list', async () => {
    await customerWithLegacySources();
    const created = await admin('PUT', '/invoices/in_outOfBand', {
      subscription: 'sub_legacy',
      amount_due: 1299,
      amount_paid_off_stripe: 1299,
    });
    expect(created.status).toBe(201);
    const plain = await stripe.invoices.retrieve('in_outOfBand');
    expect(plain).not.toHaveProperty('amount_paid_off_stripe');
    // amount_paid counts the off-Stripe payment, as Stripe's has since API 2025-03-31.basil.
    expect(plain).toMatchObject({ status: 'paid', amount_paid: 1299, amount_remaining: 0 });
    const included = await stripe.invoices.retrieve('in_outOfBand', {
      expand: ['amount_paid_off_stripe'],
    });
    expect(included.amount_paid_off_stripe).toBe(1299);
    const list = await stripe.invoices.list({
      subscription: 'sub_legacy',
      status: 'paid',
      expand: ['data.amount_paid_off_stripe'],
    });
    expect(list.data.map((invoice) => invoice.amount_paid_off_stripe)).toEqual([1299]);
  });

  it('refuses an off-Stripe amount larger than the amount paid, which counts it', async () => {
    await customerWithLegacySources();
    const response = await admin('PUT', '/invoices/in_tooMuch', {
      subscription: 'sub_legacy',
      amount_due: 1299,
      amount_paid: 500,
      amount_paid_off_stripe: 800,
      status: 'open',
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/amount_paid_off_stripe 800 exceeds amount_paid 500/);
    expect(sandbox.store.findInvoice('in_tooMuch')).toBeUndefined();
  });
});
