import { Client } from 'pg';
import { RunningSystem } from './support/running-system';

// The Stripe sync through the gateway against the Stripe sandbox (demo data: sub_demoActiveGbp
// has four paid invoices and an upcoming £14.99 one; sub_demoActiveJpy is in yen).

interface View {
  id: string;
  reference: string;
  status: string;
  source: string;
  termStart: string | null;
  termEnd: string | null;
  autoRenew: boolean;
  imported: boolean;
  owner: string;
  customer: {
    id: string;
    name: string | null;
    email: string | null;
    identities: { service: string; id: string }[];
  };
  addresses: { type: string; line1: string | null }[];
  schedule: { id: string; date: string; amount: string; currency: string; status: string }[];
  paymentMethods: {
    brand: string | null;
    last4: string | null;
    expMonth: number | null;
    expYear: number | null;
    default: boolean;
  }[];
  external: { stripe: { subscriptionId: string | null; customerId: string | null } | null };
}

const SUB = 'sub_demoActiveGbp';
const unix = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000);

describe('Stripe sync end to end', () => {
  let system: RunningSystem;
  let db: Client;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'stripe-sync']);
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  async function sync(id: string): Promise<View> {
    const response = await system.api('POST', `/api/plugins/stripe/sync/subscription/${id}`);
    expect(response).toMatchObject({ status: 200, body: { success: true } });
    const read = await system.api(
      'GET',
      `/api/subscriptions/${(response.body as { id: string }).id}`,
    );
    return read.body as View;
  }

  /** A GBP customer in the Stripe sandbox, with a monthly subscription of one item. */
  async function customerWithSubscription(
    customer: string,
    subscription: string,
    unitAmount: number,
  ): Promise<void> {
    await system.stripeAdmin('PUT', `/customers/${customer}`, { name: customer, currency: 'gbp' });
    await system.stripeAdmin('PUT', `/subscriptions/${subscription}`, {
      customer,
      items: [{ price: { unit_amount: unitAmount, recurring: { interval: 'month' } } }],
    });
  }

  const pending = (view: View) =>
    view.schedule.filter((e) => e.status === 'pending').map((e) => e.amount);

  it('imports a Stripe subscription by its sub_… id, with customer, owner, card and schedule', async () => {
    const view = await sync(SUB);

    expect(view).toMatchObject({
      id: expect.stringMatching(/^sub-/),
      reference: SUB,
      source: 'stripe',
      status: 'active',
      autoRenew: true,
      imported: true,
      owner: expect.stringMatching(/^id-/),
      customer: { identities: [{ service: 'stripe', id: 'cus_demoAmelia' }] },
      paymentMethods: [{ brand: 'visa', last4: '4242', default: true }],
      external: { stripe: { subscriptionId: SUB, customerId: 'cus_demoAmelia' } },
    });
    expect(view.schedule.filter((e) => e.status === 'paid')).toHaveLength(4);
    expect(pending(view)).toEqual(['14.99']);
    expect(view.schedule.every((e) => e.currency === 'GBP')).toBe(true);
  });

  it('a second sync changes nothing, by the platform id too', async () => {
    const before = await db.query(
      'SELECT id, status, amount, date FROM schedule_entries ORDER BY id',
    );
    const { id } = await sync(SUB);
    await sync(id);
    const after = await db.query(
      'SELECT id, status, amount, date FROM schedule_entries ORDER BY id',
    );
    expect(after.rows).toEqual(before.rows);
    const events = (await system.api('GET', `/api/events?subscription=${id}&limit=1`)).body as {
      data: { changes: unknown[] }[];
    };
    expect(events.data[0]!.changes).toEqual([]);
  });

  it('takes the term dates from the subscription items', async () => {
    await system.stripeAdmin('PATCH', `/subscriptions/${SUB}`, {
      items: ['si_demoActiveGbpDigital', 'si_demoActiveGbpPuzzles'].map((id) => ({
        id,
        current_period_start: unix('2031-02-01'),
        current_period_end: unix('2031-03-01'),
      })),
    });
    const view = await sync(SUB);
    expect([view.termStart, view.termEnd]).toEqual(['2031-02-01', '2031-03-01']);
  });

  it('rebuilds the schedule when a new invoice was paid and the upcoming one moved on', async () => {
    await system.stripeAdmin('PUT', '/invoices/in_e2eNewlyPaid', {
      customer: 'cus_demoAmelia',
      subscription: SUB,
      status: 'paid',
      currency: 'gbp',
      amount_due: 1499,
      period_start: unix('2031-01-01'),
      period_end: unix('2031-02-01'),
      status_transitions: { paid_at: unix('2031-02-01') },
    });
    await system.stripeAdmin('PUT', `/subscriptions/${SUB}/upcoming-invoice`, {
      amount_due: 1499,
      next_payment_attempt: unix('2031-03-01'),
    });

    const view = await sync(SUB);

    expect(view.schedule).toContainEqual(
      expect.objectContaining({ date: '2031-02-01', amount: '14.99', status: 'paid' }),
    );
    expect(view.schedule.filter((e) => e.status === 'paid')).toHaveLength(5);
    expect(
      view.schedule.filter((e) => e.status === 'pending').map((e) => [e.date, e.amount]),
    ).toEqual([['2031-03-01', '14.99']]);
    expect(view.schedule.filter((e) => e.status === 'cancelled')).toHaveLength(1);
  });

  it('follows a changed upcoming invoice amount', async () => {
    await system.stripeAdmin('PUT', `/subscriptions/${SUB}/upcoming-invoice`, {
      amount_due: 1999,
      next_payment_attempt: unix('2031-03-01'),
    });
    const view = await sync(SUB);
    expect(pending(view)).toEqual(['19.99']);
    expect(view.schedule).toContainEqual(
      expect.objectContaining({ date: '2031-03-01', amount: '14.99', status: 'cancelled' }),
    );
  });

  it('follows a changed card on file', async () => {
    await system.stripeAdmin('PUT', '/payment-methods/pm_e2eMastercard5555', {
      customer: 'cus_demoAmelia',
      type: 'card',
      card: { brand: 'mastercard', last4: '5555', exp_month: 1, exp_year: 2031 },
    });
    await system.stripeAdmin('PATCH', '/customers/cus_demoAmelia', {
      invoice_settings: { default_payment_method: 'pm_e2eMastercard5555' },
    });
    const view = await sync(SUB);
    expect(view.paymentMethods).toEqual([
      { brand: 'mastercard', last4: '5555', expMonth: 1, expYear: 2031, default: true },
    ]);
  });

  it('leaves name, email and addresses alone: the platform manages them', async () => {
    const { id, customer } = await sync(SUB);
    await db.query(
      "UPDATE customers SET name = 'Amelia (platform)', email = 'amelia@platform.example' WHERE id = $1",
      [customer.id],
    );
    await db.query(
      "INSERT INTO addresses (id, subscription_id, type, line1, city, country) VALUES ('addr-e2e', $1, 'billing', '1 Platform Way', 'Leeds', 'United Kingdom')",
      [id],
    );
    await system.stripeAdmin('PATCH', '/customers/cus_demoAmelia', {
      name: 'Someone Else',
      email: 'else@stripe.example',
      address: { line1: '9 Stripe Street', city: 'Dublin', country: 'IE' },
    });

    const view = await sync(SUB);

    expect(view.customer).toMatchObject({
      name: 'Amelia (platform)',
      email: 'amelia@platform.example',
    });
    expect(view.addresses).toEqual([
      expect.objectContaining({ type: 'billing', line1: '1 Platform Way' }),
    ]);
  });

  it('a cancellation at period end keeps it active without auto-renew, then it ends cancelled', async () => {
    await system.stripeAdmin('PATCH', `/subscriptions/${SUB}`, { cancel_at_period_end: true });
    expect(await sync(SUB)).toMatchObject({
      status: 'active',
      autoRenew: false,
      termEnd: '2031-03-01',
    });

    await system.stripeAdmin('PATCH', `/subscriptions/${SUB}`, {
      status: 'canceled',
      canceled_at: unix('2030-12-20'),
      ended_at: unix('2031-03-01'),
    });
    await system.stripeAdmin('PUT', `/subscriptions/${SUB}/upcoming-invoice`, { none: true });
    const view = await sync(SUB);
    expect(view).toMatchObject({ status: 'cancelled', autoRenew: false, termEnd: '2031-03-01' });
    expect(pending(view)).toEqual([]);
  });

  it('converts zero-decimal yen amounts and falls back to the subscription card', async () => {
    const view = await sync('sub_demoActiveJpy');
    expect(view.schedule.length).toBeGreaterThan(0);
    expect(view.schedule.every((e) => e.currency === 'JPY' && /^\d+\.00$/.test(e.amount))).toBe(
      true,
    );
    expect(view.schedule.some((e) => Number(e.amount) >= 100)).toBe(true);
    expect(view.paymentMethods).toEqual([
      expect.objectContaining({ brand: 'mastercard', last4: '4444' }),
    ]);
  });

  // Stripe charges the subscription's default payment method, then its default source, then the
  // customer's invoice_settings.default_payment_method, then the customer's default source.
  it("shows the subscription's own default card, the one Stripe charges, over the customer's", async () => {
    await customerWithSubscription('cus_e2eTwoCards', 'sub_e2eOwnCard', 999);
    await system.stripeAdmin('PUT', '/payment-methods/pm_e2eCustomerVisa', {
      customer: 'cus_e2eTwoCards',
      card: { brand: 'visa', last4: '4242', exp_month: 8, exp_year: 2030 },
    });
    await system.stripeAdmin('PUT', '/payment-methods/pm_e2eSubscriptionAmex', {
      customer: 'cus_e2eTwoCards',
      card: { brand: 'amex', last4: '8431', exp_month: 4, exp_year: 2032 },
    });
    await system.stripeAdmin('PATCH', '/customers/cus_e2eTwoCards', {
      invoice_settings: { default_payment_method: 'pm_e2eCustomerVisa' },
    });
    await system.stripeAdmin('PATCH', '/subscriptions/sub_e2eOwnCard', {
      default_payment_method: 'pm_e2eSubscriptionAmex',
    });

    const view = await sync('sub_e2eOwnCard');

    expect(view.paymentMethods).toEqual([
      { brand: 'amex', last4: '8431', expMonth: 4, expYear: 2032, default: true },
    ]);
  });

  it('shows a legacy card_… source when that is all the customer has', async () => {
    await customerWithSubscription('cus_e2eLegacy', 'sub_e2eLegacyCard', 2400);
    await system.stripeAdmin('PUT', '/sources/card_e2eLegacyVisa', {
      customer: 'cus_e2eLegacy',
      card: { brand: 'Visa', last4: '1881', exp_month: 6, exp_year: 2032 },
    });
    await system.stripeAdmin('PATCH', '/customers/cus_e2eLegacy', {
      default_source: 'card_e2eLegacyVisa',
    });

    const view = await sync('sub_e2eLegacyCard');

    expect(view.paymentMethods).toEqual([
      { brand: 'visa', last4: '1881', expMonth: 6, expYear: 2032, default: true },
    ]);
  });

  it('records an invoice paid outside Stripe for what was paid, counted once', async () => {
    await system.stripeAdmin('PUT', '/invoices/in_e2ePaidOutOfBand', {
      subscription: 'sub_e2eLegacyCard',
      status: 'paid',
      amount_due: 2400,
      amount_paid_off_stripe: 2400,
      status_transitions: { paid_at: unix('2030-06-01') },
    });

    const view = await sync('sub_e2eLegacyCard');

    expect(view.schedule.filter((e) => e.status === 'paid').map((e) => [e.date, e.amount])).toEqual(
      [['2030-06-01', '24.00']],
    );
  });

  it('answers 502 for an unknown Stripe id and for an unknown platform id', async () => {
    const unknown = await system.api(
      'POST',
      '/api/plugins/stripe/sync/subscription/sub_doesNotExist',
    );
    expect(unknown.status).toBe(502);
    expect((unknown.body as { message: string }).message).toContain(
      "Stripe has no subscription 'sub_doesNotExist'",
    );
    const notLinked = await system.api(
      'POST',
      '/api/plugins/stripe/sync/subscription/sub-00000000000000000000000000000000',
    );
    expect(notLinked.status).toBe(502);
    expect((notLinked.body as { message: string }).message).toContain(
      'is not a Stripe subscription id',
    );
  });

  it('rides out a storm of 429s and succeeds', async () => {
    await system.stripeAdmin('DELETE', '/requests');
    await system.stripeAdmin('POST', '/faults', {
      type: 'rate-limit',
      count: 3,
      pathPrefix: '/v1/subscriptions',
    });

    const response = await system.api(
      'POST',
      '/api/plugins/stripe/sync/subscription/sub_demoPastDue',
    );

    expect(response.status).toBe(200);
    const { requests } = (await system.stripeAdmin(
      'GET',
      '/requests?pathPrefix=/v1/subscriptions',
    )) as {
      requests: { status: number }[];
    };
    expect(requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });
});
