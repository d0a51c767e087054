import Stripe from 'stripe';
import { STRIPE_SANDBOX_DEMO as DEMO } from '@subsync/stripe-sandbox';
import { STRIPE_API_VERSION } from './stripe-client.options';
import {
  clientFor,
  startSandbox,
  traffic,
  type StripeSandbox,
} from './testing/sandbox.fixture.spec';

describe('StripeClient reads (the real SDK against the sandbox)', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => sandbox.reset('demo'));
  afterAll(() => sandbox.close());

  it('pins the API version the SDK is typed for and sends it on every call', async () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
    await clientFor(sandbox).getPaymentMethod(DEMO.paymentMethods.ameliaVisa);
    expect(sandbox.requests()).toEqual([
      expect.objectContaining({
        stripeVersion: STRIPE_API_VERSION,
        authorization: 'bearer',
        status: 200,
      }),
    ]);
  });

  it('gets a subscription with its items’ periods, its defaults and its customer’s expanded', async () => {
    const sub = await clientFor(sandbox).getSubscription(DEMO.subscriptions.activeJpy);
    expect(sub).toMatchObject({
      id: DEMO.subscriptions.activeJpy,
      status: 'active',
      currency: 'jpy',
    });
    expect(sub.default_payment_method).toMatchObject({
      id: DEMO.paymentMethods.harutoMastercard,
      card: { brand: 'mastercard', last4: '4444' },
    });
    const [item] = sub.items.data;
    expect(item?.current_period_start).toBeLessThan(Date.now() / 1000);
    expect(item?.current_period_end).toBeGreaterThan(Date.now() / 1000);
    expect(sub.customer).toMatchObject({ id: DEMO.customers.haruto, object: 'customer' });
    expect(decodeURIComponent(sandbox.requests()[0]?.query ?? '')).toBe(
      'expand[0]=default_payment_method&expand[1]=default_source' +
        '&expand[2]=customer.invoice_settings.default_payment_method&expand[3]=customer.default_source',
    );
    expect(traffic(sandbox)).toHaveLength(1);
  });

  it('reads legacy default sources, the subscription’s and the customer’s, in the same request', async () => {
    sandbox.store.putSource('card_legacyAmex', {
      customer: DEMO.customers.amelia,
      card: { brand: 'American Express', last4: '0005', exp_month: 3, exp_year: 2031 },
    });
    sandbox.store.putSource('src_legacyMc', {
      customer: DEMO.customers.amelia,
      card: { brand: 'MasterCard', last4: '5100', exp_month: 11, exp_year: 2028 },
    });
    sandbox.store.patchCustomer(DEMO.customers.amelia, { default_source: 'card_legacyAmex' });
    sandbox.store.patchSubscription(DEMO.subscriptions.activeGbp, {
      default_source: 'src_legacyMc',
    });
    const sub = await clientFor(sandbox).getSubscription(DEMO.subscriptions.activeGbp);
    expect(sub.default_source).toMatchObject({
      object: 'source',
      type: 'card',
      card: { brand: 'MasterCard', last4: '5100' },
    });
    expect(sub.customer).toMatchObject({
      default_source: { id: 'card_legacyAmex', object: 'card', brand: 'American Express' },
      invoice_settings: { default_payment_method: { object: 'payment_method' } },
    });
  });

  it('fetches every item when the subscription embeds only the first page of them', async () => {
    const items = Array.from({ length: 12 }, (_, n) => ({
      id: `si_many${n}`,
      price: { unit_amount: 100 + n, currency: 'gbp', product: { name: `Add-on ${n}` } },
    }));
    sandbox.store.putSubscription('sub_manyItems', { customer: DEMO.customers.amelia, items });
    const sub = await clientFor(sandbox).getSubscription('sub_manyItems');
    expect(sub.items.has_more).toBe(false);
    expect(sub.items.data.map((i) => i.id)).toEqual(items.map((i) => i.id));
    expect(traffic(sandbox)).toEqual([
      'GET /v1/subscriptions/sub_manyItems -> 200',
      'GET /v1/subscription_items -> 200',
    ]);
  });

  it('gets a customer with invoice_settings.default_payment_method and default_source expanded', async () => {
    const stripe = clientFor(sandbox);
    const amelia = await stripe.getCustomer(DEMO.customers.amelia);
    if (amelia.deleted) throw new Error('Amelia is not deleted');
    expect(amelia.invoice_settings.default_payment_method).toMatchObject({
      object: 'payment_method',
      card: { brand: 'visa', last4: '4242', exp_month: 8 },
    });
    const haruto = await stripe.getCustomer(DEMO.customers.haruto);
    expect(haruto).toMatchObject({ invoice_settings: { default_payment_method: null } });
    sandbox.store.putSource('card_harutoJcb', {
      customer: DEMO.customers.haruto,
      card: { brand: 'JCB', last4: '0000', exp_month: 1, exp_year: 2030 },
    });
    sandbox.store.patchCustomer(DEMO.customers.haruto, { default_source: 'card_harutoJcb' });
    expect(await stripe.getCustomer(DEMO.customers.haruto)).toMatchObject({
      default_source: { id: 'card_harutoJcb', object: 'card', brand: 'JCB', last4: '0000' },
    });
  });

  it('embeds a deleted customer in a subscription as Stripe answers it', async () => {
    sandbox.store.patchCustomer(DEMO.customers.sophie, { deleted: true });
    const sub = await clientFor(sandbox).getSubscription(DEMO.subscriptions.canceled);
    expect(sub.customer).toEqual({ id: DEMO.customers.sophie, object: 'customer', deleted: true });
  });

  it('returns a deleted customer as Stripe answers it', async () => {
    sandbox.store.patchCustomer(DEMO.customers.sophie, { deleted: true });
    await expect(clientFor(sandbox).getCustomer(DEMO.customers.sophie)).resolves.toEqual({
      id: DEMO.customers.sophie,
      object: 'customer',
      deleted: true,
    });
  });

  it('gets a payment method’s card details', async () => {
    const pm = await clientFor(sandbox).getPaymentMethod(DEMO.paymentMethods.liamVisa);
    expect(pm).toMatchObject({ type: 'card', customer: DEMO.customers.liam });
    expect(pm.card).toMatchObject({
      brand: 'visa',
      last4: '4242',
      exp_year: new Date().getUTCFullYear(),
    });
  });

  it('lists paid invoices with what was paid outside Stripe (an includable property)', async () => {
    sandbox.store.putInvoice('in_paidOutOfBand', {
      subscription: DEMO.subscriptions.activeGbp,
      amount_due: 1299,
      amount_paid_off_stripe: 1299,
      created: '2020-01-01',
    });
    const invoices = await clientFor(sandbox).listPaidInvoices(DEMO.subscriptions.activeGbp);
    const outOfBand = invoices.find((invoice) => invoice.id === 'in_paidOutOfBand');
    expect(outOfBand).toMatchObject({ amount_paid: 1299, amount_paid_off_stripe: 1299 });
    const others = invoices.filter((invoice) => invoice !== outOfBand);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((invoice) => invoice.amount_paid_off_stripe === 0)).toBe(true);
  });

  it('lists only paid invoices, newest first, across pages with starting_after', async () => {
    const invoices = await clientFor(sandbox).listPaidInvoices(DEMO.subscriptions.activeGbp, {
      pageSize: 3,
    });
    expect(invoices.map((i) => i.id)).toEqual([
      'in_demoActiveGbp04',
      'in_demoActiveGbp03',
      'in_demoActiveGbp02',
      'in_demoActiveGbp01',
    ]);
    expect(
      invoices.every((i) => i.status === 'paid' && i.status_transitions.paid_at !== null),
    ).toBe(true);
    expect(invoices[0]?.parent?.subscription_details?.subscription).toBe(
      DEMO.subscriptions.activeGbp,
    );
    expect(sandbox.requests().map((r) => r.query)).toEqual([
      `subscription=${DEMO.subscriptions.activeGbp}&status=paid&expand[0]=data.amount_paid_off_stripe&limit=3`,
      `subscription=${DEMO.subscriptions.activeGbp}&status=paid&expand[0]=data.amount_paid_off_stripe&limit=3&starting_after=in_demoActiveGbp02`,
    ]);
  });

  it('pages through more than 100 paid invoices with the default page size', async () => {
    const start = Math.floor(Date.now() / 1000) - 200 * 86_400;
    for (let n = 0; n < 130; n += 1) {
      sandbox.store.putInvoice(`in_bulk${String(n).padStart(3, '0')}`, {
        subscription: DEMO.subscriptions.pastDue,
        created: start + n * 3600,
        amount_due: 1000,
      });
    }
    const invoices = await clientFor(sandbox).listPaidInvoices(DEMO.subscriptions.pastDue);
    expect(invoices).toHaveLength(133);
    expect(new Set(invoices.map((i) => i.id)).size).toBe(133);
    expect(traffic(sandbox)).toEqual(['GET /v1/invoices -> 200', 'GET /v1/invoices -> 200']);
  });

  it('previews the upcoming invoice: next period on the lines, the current one on the invoice', async () => {
    const sub = await clientFor(sandbox).getSubscription(DEMO.subscriptions.activeGbp);
    const upcoming = await clientFor(sandbox).previewUpcomingInvoice(DEMO.subscriptions.activeGbp);
    const periodEnd = sub.items.data[0]?.current_period_end;
    expect(upcoming).toMatchObject({
      object: 'invoice',
      status: 'draft',
      amount_due: 1499,
      currency: 'gbp',
      period_end: periodEnd,
      next_payment_attempt: (periodEnd ?? 0) + 3600,
    });
    expect(upcoming?.id).toMatch(/^upcoming_in_/);
    expect(upcoming?.lines.data.map((l) => [l.amount, l.period.start])).toEqual([
      [1299, periodEnd],
      [200, periodEnd],
    ]);
    expect(sandbox.requests({ method: 'POST' })[0]?.body).toBe(
      `subscription=${DEMO.subscriptions.activeGbp}`,
    );
  });

  it('answers null when Stripe has no upcoming invoice (404 invoice_upcoming_none)', async () => {
    const stripe = clientFor(sandbox);
    await expect(stripe.previewUpcomingInvoice(DEMO.subscriptions.canceled)).resolves.toBeNull();
    await expect(
      stripe.previewUpcomingInvoice(DEMO.subscriptions.cancelAtPeriodEnd),
    ).resolves.toBeNull();
    expect(traffic(sandbox)).toEqual([
      'POST /v1/invoices/create_preview -> 404',
      'POST /v1/invoices/create_preview -> 404',
    ]);
  });

  it('passes zero-decimal JPY amounts through as integers of yen', async () => {
    const stripe = clientFor(sandbox);
    const [paid] = await stripe.listPaidInvoices(DEMO.subscriptions.activeJpy);
    const upcoming = await stripe.previewUpcomingInvoice(DEMO.subscriptions.activeJpy);
    expect([paid?.amount_paid, paid?.total, upcoming?.amount_due]).toEqual([1200, 1200, 1200]);
    expect(Number.isInteger(upcoming?.amount_due)).toBe(true);
    expect(upcoming?.lines.data[0]?.description).toContain('¥1,200');
  });
});
