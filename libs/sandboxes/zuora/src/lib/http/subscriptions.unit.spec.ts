import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';

type Json = Record<string, unknown>;
type Charge = {
  number: string;
  price: number;
  segment: number;
  effectiveStartDate: string;
  chargeSegments?: Charge[];
};
type Subscription = Json & {
  id: string;
  version: number;
  ratePlans: { ratePlanCharges: Charge[] }[];
};

describe('Zuora sandbox: subscriptions', () => {
  // A fixed clock, so the seeded dates are known: today is 2025-03-10.
  const today = new Date('2025-03-10T08:00:00.000Z');
  let sandbox: ZuoraSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox({ clock: () => today });
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${SANDBOX_CLIENT_ID}&client_secret=${SANDBOX_CLIENT_SECRET}&grant_type=client_credentials`,
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sandbox.close());

  const get = async <T = Json>(path: string): Promise<T> => {
    const response = await fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'Zuora-Version': '2025-08-12' },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${sandbox.url}/sandbox${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('returns the latest version for the number and for the id of any version', async () => {
    const versions = sandbox.store.subscriptionVersions('A-S00000271') ?? [];
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const [first, , latest] = versions;
    const byNumber = await get<Subscription>('/v1/subscriptions/A-S00000271');
    const byOldId = await get<Subscription>(`/v1/subscriptions/${first?.id}`);
    expect(byNumber).toMatchObject({
      success: true,
      id: latest?.id,
      version: 3,
      isLatestVersion: true,
    });
    expect(byOldId.id).toBe(latest?.id);
    expect(new Set(versions.map((v) => v.id)).size).toBe(3);
    const v1 = await get<Subscription>('/v1/subscriptions/A-S00000271/versions/1');
    expect(v1).toMatchObject({ id: first?.id, version: 1, isLatestVersion: false });
  });

  it('serves the seeded A-S00000271 as an active termed GBP subscription started 3 months ago', async () => {
    const sub = await get<Subscription>('/v1/subscriptions/A-S00000271');
    expect(sub).toMatchObject({
      subscriptionNumber: 'A-S00000271',
      accountNumber: 'A00000271',
      accountName: 'Amelia Hartley',
      status: 'Active',
      termType: 'TERMED',
      autoRenew: true,
      currency: 'GBP',
      termStartDate: '2024-12-10',
      termEndDate: '2025-12-10',
      subscriptionStartDate: '2023-12-10',
      Channel__c: 'Web',
    });
    expect(sub.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers segments in the lean shape of Zuora's segment model when switched, and for A-S00000277 always", async () => {
    const segments = async (number: string) => {
      const sub = await get<Subscription>(`/v1/subscriptions/${number}?charge-detail=all-segments`);
      return sub.ratePlans[0]!.ratePlanCharges[0]!.chargeSegments as unknown as Json[];
    };
    const rich = await segments('A-S00000275');
    expect(rich[0]).toMatchObject({
      number: 'C-00000275',
      name: 'Digital Plus Monthly',
      billingPeriod: 'Month',
    });

    sandbox.configure({ segmentShape: 'lean' });
    try {
      const lean = await segments('A-S00000275');
      expect(lean.map((s) => [s['segment'], s['price'], s['effectiveStartDate']])).toEqual(
        rich.map((s) => [s['segment'], s['price'], s['effectiveStartDate']]),
      );
      for (const segment of lean) {
        for (const field of [
          'number',
          'name',
          'type',
          'model',
          'billingPeriod',
          'originalChargeId',
        ]) {
          expect(segment).not.toHaveProperty(field);
        }
      }
    } finally {
      sandbox.configure({ segmentShape: 'rich' });
    }

    const seeded = await segments('A-S00000277');
    expect(seeded.map((s) => [s['segment'], s['price']])).toEqual([
      [1, 8],
      [2, 9],
    ]);
    expect(seeded[0]).not.toHaveProperty('billingPeriod');
    expect(seeded[0]).not.toHaveProperty('segmentShape');
    // The charge itself keeps every field.
    const sub = await get<Subscription>('/v1/subscriptions/A-S00000277?charge-detail=all-segments');
    expect(sub).not.toHaveProperty('segmentShape');
    expect(sub.ratePlans[0]!.ratePlanCharges[0]).toMatchObject({ number: 'C-00000277', price: 9 });
  });

  it("answers a discount charge in Zuora's shape: no price, a percentage, its level and targets", async () => {
    const sub = await get<Subscription>('/v1/subscriptions/A-S00000278');
    const [fee, discount] = sub.ratePlans.map((plan) => plan.ratePlanCharges[0] as unknown as Json);
    expect(discount).toMatchObject({
      model: 'DiscountPercentage',
      price: null,
      quantity: null,
      discountPercentage: 10,
      discountAmount: null,
      applyDiscountTo: 'RECURRING',
      discountLevel: 'subscription',
      discountClass: 'Loyalty',
      discountApplyDetails: [],
      pricingSummary: '10% discount',
    });
    // Other charges carry the discount fields as null, as in Zuora's published example.
    expect(fee).toMatchObject({ price: 20, discountPercentage: null, discountApplyDetails: null });
  });

  it('chooses charge segments by charge-detail', async () => {
    const charge = async (query: string): Promise<Charge> => {
      const sub = await get<Subscription>(`/v1/subscriptions/A-S00000275${query}`);
      return sub.ratePlans[0]!.ratePlanCharges[0]!;
    };
    // Started 2024-10-10; the price rises from 10 to 12 on the next bill date, 2025-03-10 + 1 period.
    expect(await charge('')).toMatchObject({
      price: 12,
      segment: 2,
      effectiveStartDate: '2025-04-10',
    });
    expect(await charge('?charge-detail=current-segment')).toMatchObject({ price: 10, segment: 1 });
    expect(await charge('?charge-detail=specific-segment&as-of-date=2025-05-01')).toMatchObject({
      price: 12,
    });
    const all = await charge('?charge-detail=all-segments');
    expect(all.chargeSegments?.map((s) => [s.segment, s.price])).toEqual([
      [1, 10],
      [2, 12],
    ]);
  });

  it('rejects an unknown charge-detail and a specific-segment without as-of-date', async () => {
    const headers = { Authorization: `Bearer ${token}`, 'Zuora-Version': '2025-08-12' };
    const bad = await fetch(`${sandbox.url}/v1/subscriptions/A-S00000271?charge-detail=latest`, {
      headers,
    });
    expect(bad.status).toBe(400);
    const missing = await fetch(
      `${sandbox.url}/v1/subscriptions/A-S00000271?charge-detail=specific-segment`,
      { headers },
    );
    expect(await missing.json()).toMatchObject({ reasons: [{ code: 50000023 }] });
  });

  it('pages an account’s subscriptions, most recently updated first, with a nextPage URL', async () => {
    const first = await get<{ subscriptions: Subscription[]; nextPage?: string }>(
      '/v1/subscriptions/accounts/A00000271?pageSize=2',
    );
    expect(first.subscriptions.map((s) => s.subscriptionNumber)).toEqual([
      'A-S00000276',
      'A-S00000271',
    ]);
    expect(first.nextPage).toBe(
      `${sandbox.url}/v1/subscriptions/accounts/A00000271?pageSize=2&page=2`,
    );
    const second = await get<{ subscriptions: Subscription[]; nextPage?: string }>(
      new URL(first.nextPage!).pathname + new URL(first.nextPage!).search,
    );
    expect(second.subscriptions.map((s) => s.subscriptionNumber)).toEqual(['A-S00000274']);
    expect(second.nextPage).toBeUndefined();
  });

  it('stores a PUT as a new version with a new id, and a PATCH as one more', async () => {
    const before = sandbox.store.latestSubscription('A-S00000272');
    const put = await admin('PUT', '/subscriptions/A-S00000272', {
      accountNumber: 'A00000272',
      termType: 'EVERGREEN',
      termStartDate: '2024-07-10',
      autoRenew: false,
      ratePlans: [
        {
          productName: 'Analytics Pro',
          ratePlanName: 'Annual',
          ratePlanCharges: [{ name: 'Pro', price: 120, billingPeriod: 'Annual' }],
        },
      ],
    });
    expect(put.status).toBe(201);
    const patched = await admin('PATCH', '/subscriptions/A-S00000272', { status: 'Suspended' });
    expect(patched.status).toBe(201);
    const latest = await get<Subscription>(`/v1/subscriptions/${before?.id}`);
    expect(latest).toMatchObject({ version: 3, status: 'Suspended', termEndDate: null });
    expect(latest.ratePlans[0]!.ratePlanCharges[0]).toMatchObject({
      price: 120,
      billingPeriod: 'Annual',
    });
    expect(latest.id).not.toBe(before?.id);
  });

  it('creates a new subscription on PUT and explains bad admin input', async () => {
    const created = await admin('PUT', '/subscriptions/A-S00000999', {
      accountNumber: 'A00000273',
    });
    expect(created.status).toBe(201);
    expect(await get('/v1/subscriptions/A-S00000999')).toMatchObject({
      version: 1,
      accountNumber: 'A00000273',
      currency: 'EUR',
    });
    const unknownAccount = await admin('PUT', '/subscriptions/A-S00000998', {
      accountNumber: 'A404',
    });
    expect(unknownAccount.status).toBe(404);
    const badDate = await admin('PUT', '/subscriptions/A-S00000998', {
      accountNumber: 'A00000273',
      termStartDate: '10/03/2025',
    });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toEqual({ message: expect.stringContaining('termStartDate') });
  });
});
