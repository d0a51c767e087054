import { Client } from 'pg';
import { eventually, RunningSystem } from './support/running-system';

// Each sync rule of the seeds, through the gateway against the sandbox. The fixture lives in
// 2031 so that every charge period is still in the future whenever this runs. The suite runs
// twice: with charge segments as rich as the sandbox first wrote them, and in the lean shape of
// Zuora's own segment model (no number, name, type, model or billingPeriod on a segment).

interface ScheduleView {
  date: string;
  amount: string;
  currency: string;
  status: string;
  description: string | null;
}
interface SubscriptionView {
  id: string;
  status: string;
  termStart: string | null;
  termEnd: string | null;
  autoRenew: boolean;
  imported: boolean;
  addresses: { type: string; line1: string | null; city: string | null; country: string | null }[];
  schedule: ScheduleView[];
  offers: {
    name: string;
    offerId: string | null;
    mapped: boolean;
    start: string | null;
    end: string | null;
    charges: { name: string; quantity: string | null; price: string | null }[];
  }[];
}

const ACCOUNT = 'A00009001';
const NUMBER = 'A-S00009001';

function monthlyCharge(
  segments: { price: number; start: string; end: string; chargedThrough: string | null }[],
) {
  return segments.map((segment, index) => ({
    number: 'C-90001',
    segment: index + 1,
    name: 'Monthly Fee',
    type: 'Recurring',
    model: 'PerUnit',
    price: segment.price,
    quantity: 3,
    currency: 'GBP',
    billingPeriod: 'Month',
    effectiveStartDate: segment.start,
    effectiveEndDate: segment.end,
    chargedThroughDate: segment.chargedThrough,
  }));
}

function ratePlans(options: {
  monthly: ReturnType<typeof monthlyCharge>;
  annualRemoved?: boolean;
}) {
  return [
    {
      productName: 'Digital',
      ratePlanName: 'Monthly',
      productRatePlanId: 'prp-e2e-monthly',
      ratePlanCharges: options.monthly,
    },
    {
      productName: 'Print',
      ratePlanName: 'Annual',
      productRatePlanId: 'prp-e2e-annual',
      lastChangeType: options.annualRemoved ? 'Remove' : null,
      ratePlanCharges: [
        {
          number: 'C-90002',
          name: 'Annual Fee',
          type: 'Recurring',
          model: 'FlatFee',
          price: 120,
          quantity: 1,
          currency: 'GBP',
          billingPeriod: 'Annual',
          effectiveStartDate: '2031-01-15',
          effectiveEndDate: '2032-01-15',
          chargedThroughDate: null,
        },
      ],
    },
    {
      productName: 'Welcome Pack',
      ratePlanName: 'One-off',
      productRatePlanId: 'prp-e2e-once',
      ratePlanCharges: [
        {
          number: 'C-90003',
          name: 'Welcome Pack',
          type: 'OneTime',
          model: 'FlatFee',
          price: 25,
          quantity: 1,
          currency: 'GBP',
          effectiveStartDate: '2031-01-15',
          effectiveEndDate: '2031-01-16',
          chargedThroughDate: null,
        },
      ],
    },
  ];
}

const firstSegment = {
  price: 9.99,
  start: '2031-01-15',
  end: '2032-01-15',
  chargedThrough: '2031-03-15',
};
const months = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `2031-${String(from + i).padStart(2, '0')}-15`);

describe.each(['rich', 'lean'] as const)('Zuora sync rules end to end (%s segments)', (shape) => {
  let system: RunningSystem;
  let db: Client;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync']);
    system.sandbox.configure({ segmentShape: shape });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    await system.admin('PUT', `/accounts/${ACCOUNT}`, {
      basicInfo: { name: 'Rule Tester Ltd', status: 'Active' },
      billingAndPayment: { currency: 'GBP' },
      billToContact: {
        firstName: 'Rita',
        lastName: 'Tester',
        workEmail: 'rita@example.co.uk',
        address1: '1 Bill Street',
        city: 'Leeds',
        state: 'West Yorkshire',
        zipCode: 'LS1 1AA',
        country: 'United Kingdom',
      },
      soldToContact: {
        firstName: 'Rita',
        lastName: 'Tester',
        address1: '2 Ship Lane',
        city: 'York',
        state: 'North Yorkshire',
        zipCode: 'YO1 1AA',
        country: 'United Kingdom',
      },
    });
    await system.admin('PUT', `/subscriptions/${NUMBER}`, {
      accountNumber: ACCOUNT,
      status: 'Active',
      termType: 'TERMED',
      subscriptionStartDate: '2031-01-15',
      subscriptionEndDate: '2032-01-15',
      termStartDate: '2031-01-15',
      termEndDate: '2032-01-15',
      autoRenew: true,
      currency: 'GBP',
      ratePlans: ratePlans({ monthly: monthlyCharge([firstSegment]) }),
    });
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  async function sync(id: string): Promise<SubscriptionView> {
    const response = await system.api('POST', `/api/plugins/zuora/sync/subscription/${id}`);
    expect(response.status).toBe(200);
    const read = await system.api(
      'GET',
      `/api/subscriptions/${(response.body as { id: string }).id}`,
    );
    return read.body as SubscriptionView;
  }

  // Same-day entries come in id order; sort them by description to compare.
  const pending = (view: SubscriptionView) =>
    view.schedule
      .filter((e) => e.status === 'pending')
      .map((e) => [e.date, e.amount, e.description])
      .sort((a, b) => `${a[0]}${a[2]}`.localeCompare(`${b[0]}${b[2]}`));
  const cancelled = (view: SubscriptionView) =>
    view.schedule.filter((e) => e.status === 'cancelled').map((e) => [e.date, e.amount]);

  it('imports the subscription with its term, addresses as Zuora gives them, and its future charges', async () => {
    const view = await sync(NUMBER);

    expect(view).toMatchObject({
      status: 'active',
      termStart: '2031-01-15',
      termEnd: '2032-01-15',
      imported: true,
    });
    expect(view.addresses).toEqual([
      expect.objectContaining({
        type: 'billing',
        line1: '1 Bill Street',
        city: 'Leeds',
        country: 'United Kingdom',
      }),
      expect.objectContaining({
        type: 'shipping',
        line1: '2 Ship Lane',
        city: 'York',
        country: 'United Kingdom',
      }),
    ]);
    expect(pending(view)).toEqual([
      ['2031-01-15', '120.00', 'Print – Annual Fee'],
      ['2031-01-15', '25.00', 'Welcome Pack – Welcome Pack'],
      ...months(3, 12).map((date) => [date, '29.97', 'Digital – Monthly Fee']),
    ]);
    expect(view.schedule.every((e) => e.currency === 'GBP')).toBe(true);
  });

  it('a second sync with no upstream change changes nothing', async () => {
    const before = await db.query('SELECT id, status, amount FROM schedule_entries ORDER BY id');
    await sync(NUMBER);
    const after = await db.query('SELECT id, status, amount FROM schedule_entries ORDER BY id');
    expect(after.rows).toEqual(before.rows);
  });

  it('an address changed in Zuora is updated in place, and the change is on the Event', async () => {
    await system.admin('PATCH', `/accounts/${ACCOUNT}`, {
      soldToContact: {
        address1: '3 New Road',
        city: 'Bath',
        state: 'Somerset',
        country: 'United Kingdom',
      },
    });

    const view = await sync(NUMBER);

    expect(view.addresses.find((a) => a.type === 'shipping')).toMatchObject({
      line1: '3 New Road',
      city: 'Bath',
    });
    expect(view.addresses.find((a) => a.type === 'billing')).toMatchObject({
      line1: '1 Bill Street',
      city: 'Leeds',
    });
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM addresses WHERE type = 'shipping'",
    );
    expect(rows[0]).toEqual({ n: 1 });
    const events = (await system.api('GET', `/api/events?subscription=${view.id}&limit=1`))
      .body as {
      data: { changes: { field: string; before: unknown; after: unknown }[] }[];
    };
    expect(events.data[0]!.changes).toEqual(
      expect.arrayContaining([{ field: 'addresses.shipping.city', before: 'York', after: 'Bath' }]),
    );
  });

  it('a mid-term price change cancels the old future charges and schedules the new price', async () => {
    await system.admin('PATCH', `/subscriptions/${NUMBER}`, {
      ratePlans: ratePlans({
        monthly: monthlyCharge([
          { price: 9.99, start: '2031-01-15', end: '2031-07-15', chargedThrough: '2031-03-15' },
          { price: 12.49, start: '2031-07-15', end: '2032-01-15', chargedThrough: null },
        ]),
      }),
    });

    const view = await sync(NUMBER);

    const monthly = view.schedule.filter((e) => e.description === 'Digital – Monthly Fee');
    expect(monthly.filter((e) => e.status === 'pending').map((e) => [e.date, e.amount])).toEqual([
      ...months(3, 6).map((date) => [date, '29.97']),
      ...months(7, 12).map((date) => [date, '37.47']),
    ]);
    expect(cancelled(view)).toEqual(months(7, 12).map((date) => [date, '29.97']));
  });

  it('a removed rate plan produces nothing: its pending charge is cancelled, not deleted', async () => {
    await system.admin('PATCH', `/subscriptions/${NUMBER}`, {
      ratePlans: ratePlans({
        annualRemoved: true,
        monthly: monthlyCharge([
          { price: 9.99, start: '2031-01-15', end: '2031-07-15', chargedThrough: '2031-03-15' },
          { price: 12.49, start: '2031-07-15', end: '2032-01-15', chargedThrough: null },
        ]),
      }),
    });

    const view = await sync(NUMBER);

    expect(view.schedule).toContainEqual(
      expect.objectContaining({ date: '2031-01-15', amount: '120.00', status: 'cancelled' }),
    );
    expect(pending(view).some(([, amount]) => amount === '120.00')).toBe(false);
    expect(view.offers.map((o) => o.name)).not.toContain('Print – Annual');
  });

  it('a cancellation in Zuora cancels the charges after the cancellation date', async () => {
    await system.admin('PATCH', `/subscriptions/${NUMBER}`, {
      status: 'Cancelled',
      termEndDate: '2031-10-15',
      subscriptionEndDate: '2031-10-15',
    });

    const view = await sync(NUMBER);

    expect(view.status).toBe('cancelled');
    expect(view.termEnd).toBe('2031-10-15');
    const monthly = view.schedule.filter((e) => e.description === 'Digital – Monthly Fee');
    expect(monthly.filter((e) => e.status === 'pending').map((e) => e.date)).toEqual(months(3, 9));
    expect(
      monthly.filter((e) => e.status === 'cancelled' && e.amount === '37.47').map((e) => e.date),
    ).toEqual(months(10, 12));
  });

  it('a discount charge reduces the planned amounts (10% of 20.00 plans 18.00, a fixed 5.00 plans 15.00) and the Event shows it', async () => {
    const DISCOUNTED = 'A-S00009003';
    const fee = {
      number: 'C-90011',
      name: 'Monthly Fee',
      type: 'Recurring',
      model: 'FlatFee',
      price: 20,
      quantity: 1,
      currency: 'GBP',
      billingPeriod: 'Month',
      effectiveStartDate: '2031-01-15',
      effectiveEndDate: '2031-05-15',
      chargedThroughDate: null,
    };
    const withDiscount = (discount: Record<string, unknown>) => [
      {
        productName: 'Digital',
        ratePlanName: 'Monthly',
        productRatePlanId: 'prp-e2e-discounted',
        ratePlanCharges: [
          fee,
          {
            number: 'C-90012',
            type: 'Recurring',
            currency: 'GBP',
            billingPeriod: 'Month',
            applyDiscountTo: 'RECURRING',
            discountLevel: 'rateplan',
            effectiveStartDate: '2031-01-15',
            effectiveEndDate: '2031-05-15',
            ...discount,
          },
        ],
      },
    ];
    await system.admin('PUT', `/subscriptions/${DISCOUNTED}`, {
      accountNumber: ACCOUNT,
      status: 'Active',
      termType: 'TERMED',
      subscriptionStartDate: '2031-01-15',
      termStartDate: '2031-01-15',
      termEndDate: '2031-05-15',
      autoRenew: true,
      currency: 'GBP',
      ratePlans: withDiscount({
        name: 'Welcome 10%',
        model: 'DiscountPercentage',
        discountPercentage: 10,
      }),
    });

    const view = await sync(DISCOUNTED);

    const dates = ['2031-01-15', '2031-02-15', '2031-03-15', '2031-04-15'];
    expect(pending(view)).toEqual(dates.map((date) => [date, '18.00', 'Digital – Monthly Fee']));
    const events = (await system.api('GET', `/api/events?subscription=${view.id}&limit=1`))
      .body as { data: { changes: { field: string; before: unknown; after: unknown }[] }[] };
    expect(events.data[0]!.changes).toContainEqual({
      field: 'schedule.C-90011@2031-01-15',
      before: null,
      after: {
        date: '2031-01-15',
        amount: '18.00',
        currency: 'GBP',
        status: 'pending',
        discount: { listAmount: '20.00', amount: '2.00', from: ['Welcome 10%'] },
      },
    });

    await system.admin('PATCH', `/subscriptions/${DISCOUNTED}`, {
      ratePlans: withDiscount({
        name: 'Voucher',
        model: 'DiscountFixedAmount',
        discountAmount: 5,
      }),
    });
    const fixed = await sync(DISCOUNTED);
    expect(pending(fixed)).toEqual(dates.map((date) => [date, '15.00', 'Digital – Monthly Fee']));
    expect(cancelled(fixed)).toEqual(dates.map((date) => [date, '18.00']));
  });

  it('a catalog mapping shows the platform offer with its quantity and price; unmapped plans keep Zuora names', async () => {
    const put = await system.api('PUT', '/api/catalog/zuora-mappings/prp-e2e-monthly', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offerId: 'offer-digital-monthly', offerName: 'Digital Monthly' }),
    });
    expect(put.status).toBe(201);

    const view = await sync(NUMBER);

    expect(view.offers).toContainEqual(
      expect.objectContaining({
        name: 'Digital Monthly',
        offerId: 'offer-digital-monthly',
        mapped: true,
        charges: [expect.objectContaining({ name: 'Monthly Fee', quantity: '3' })],
      }),
    );
    expect(view.offers).toContainEqual(
      expect.objectContaining({ name: 'Welcome Pack – One-off', offerId: null, mapped: false }),
    );
  });

  it('rejects a catalog mapping without an offer, and without a token', async () => {
    const bad = await system.api('PUT', '/api/catalog/zuora-mappings/prp-e2e-annual', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offerName: 'No id' }),
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('offerId');
    const anonymous = await system.api('GET', '/api/catalog/zuora-mappings', { token: null });
    expect(anonymous.status).toBe(401);
    expect((await system.api('GET', '/api/catalog/zuora-mappings/prp-e2e-annual')).status).toBe(
      404,
    );
  });

  it.each([
    ['Suspended', {}, 'suspended'],
    ['Expired', {}, 'expired'],
    ['Active', { autoRenew: false, termEndDate: '2025-01-15' }, 'expired'],
    ['Active', { autoRenew: true, termEndDate: '2032-01-15' }, 'active'],
  ])('maps Zuora status %s %j to %s', async (status, extra, expected) => {
    await system.admin('PATCH', '/subscriptions/A-S00000272', {
      status,
      termType: 'TERMED',
      ...extra,
    });
    const view = await sync('A-S00000272');
    expect(view.status).toBe(expected);
  });

  it('an evergreen subscription has no term end', async () => {
    const view = await sync('A-S00000276');
    expect(view.termEnd).not.toBeNull();
    await system.admin('PATCH', '/subscriptions/A-S00000276', {
      termType: 'EVERGREEN',
      termEndDate: null,
    });
    expect((await sync('A-S00000276')).termEnd).toBeNull();
  });

  it('resolves a Zuora id of an older version, the reference and the platform id to one record', async () => {
    const byNumber = await system.api('POST', '/api/plugins/zuora/sync/subscription/A-S00000271');
    const { versions } = (await system.admin('GET', '/subscriptions/A-S00000271/versions')) as {
      versions: { id: string }[];
    };
    const byOldId = await system.api(
      'POST',
      `/api/plugins/zuora/sync/subscription/${versions[0]!.id}`,
    );
    const id = (byNumber.body as { id: string }).id;
    const byPlatformId = await system.api('POST', `/api/plugins/zuora/sync/subscription/${id}`);

    expect(byOldId.body).toEqual(byNumber.body);
    expect(byPlatformId.body).toEqual(byNumber.body);
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM subscriptions WHERE reference = 'A-S00000271'",
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('a sync that fails on the account call writes nothing', async () => {
    await system.admin('PUT', '/subscriptions/A-S00009002', {
      accountNumber: ACCOUNT,
      status: 'Active',
      termType: 'EVERGREEN',
      subscriptionStartDate: '2031-01-15',
      termStartDate: '2031-01-15',
      autoRenew: true,
      currency: 'GBP',
      ratePlans: [],
    });
    await system.admin('POST', '/faults', {
      type: 'server-error',
      pathPrefix: '/v1/accounts',
      count: 10,
    });

    const response = await system.api('POST', '/api/plugins/zuora/sync/subscription/A-S00009002');

    await system.admin('DELETE', '/faults');
    expect(response.status).toBe(502);
    expect((response.body as { message: string }).message).toContain('Zuora request failed');
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM subscriptions WHERE reference = 'A-S00009002'",
    );
    expect(rows[0]).toEqual({ n: 0 });
    await eventually(async () => {
      const events = (await system.api('GET', '/api/events?status=failed&limit=1')).body as {
        data: { ref: string; reason: string }[];
      };
      expect(events.data[0]).toMatchObject({
        ref: 'A-S00009002',
        reason: (response.body as { message: string }).message,
      });
    });
  });
});
