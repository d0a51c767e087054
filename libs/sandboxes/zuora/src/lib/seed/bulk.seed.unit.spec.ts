import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';
import { bulkAccountNumber, bulkSubscriptionNumber } from './bulk.seed';

type Json = Record<string, unknown>;

describe('bulk subscription numbers', () => {
  it('are A-S9 and A9 with seven digits, outside the demo range', () => {
    expect(bulkSubscriptionNumber(1)).toBe('A-S90000001');
    expect(bulkSubscriptionNumber(1_234_567)).toBe('A-S91234567');
    expect(bulkAccountNumber(42)).toBe('A90000042');
  });

  it('refuses indexes that do not fit seven digits', () => {
    expect(() => bulkSubscriptionNumber(0)).toThrow(RangeError);
    expect(() => bulkSubscriptionNumber(10_000_000)).toThrow('1 to 9999999');
    expect(() => bulkAccountNumber(1.5)).toThrow(RangeError);
  });
});

describe('Zuora sandbox: bulk seeding', () => {
  // A fixed clock, so the terms are known: today is 2025-03-10.
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
  beforeEach(() => sandbox.reset('demo'));
  afterAll(() => sandbox.close());

  const seed = (body: unknown) =>
    fetch(`${sandbox.url}/sandbox/bulk-seed`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async (path: string) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'Zuora-Version': '2025-08-12' },
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  it('numbers from 1, continues after what exists, or starts where asked', async () => {
    const first = await seed({ subscriptions: 3 });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ count: 3, first: 'A-S90000001', last: 'A-S90000003' });
    expect(await (await seed({ subscriptions: 2 })).json()).toEqual({
      count: 2,
      first: 'A-S90000004',
      last: 'A-S90000005',
    });
    expect(await (await seed({ subscriptions: 2, start: 100 })).json()).toMatchObject({
      first: 'A-S90000100',
      last: 'A-S90000101',
    });
    expect(sandbox.seedBulk({ subscriptions: 1 })).toEqual({
      count: 1,
      first: 'A-S90000102',
      last: 'A-S90000102',
    });
    // The demo subscriptions are still there, untouched.
    expect(sandbox.store.subscriptionVersions('A-S00000271')).toHaveLength(3);
  });

  it('refuses numbers that exist (409) and bad bodies (400)', async () => {
    await seed({ subscriptions: 3 });
    const taken = await seed({ subscriptions: 2, start: 3 });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ message: expect.stringContaining('A-S90000003') });
    for (const body of [{ subscriptions: 0 }, { subscriptions: 'ten' }, { count: 5 }]) {
      expect((await seed(body)).status).toBe(400);
    }
    expect((await seed({ subscriptions: 2, start: 9_999_999 })).status).toBe(400);
  });

  it('serves a seeded subscription and its own account through the v1 API', async () => {
    await seed({ subscriptions: 3 });
    const subscription = await get(`/v1/subscriptions/${bulkSubscriptionNumber(2)}`);
    expect(subscription.status).toBe(200);
    // Index 2 started 2 months ago on a 12-month term, billed monthly through the next bill date.
    expect(subscription.body).toMatchObject({
      subscriptionNumber: 'A-S90000002',
      accountNumber: 'A90000002',
      status: 'Active',
      termType: 'TERMED',
      termStartDate: '2025-01-10',
      termEndDate: '2026-01-10',
      autoRenew: true,
      version: 1,
      ratePlans: [
        {
          productName: 'Digital Standard',
          ratePlanName: 'Monthly',
          ratePlanCharges: [
            {
              type: 'Recurring',
              billingPeriod: 'Month',
              chargedThroughDate: '2025-04-10',
              processedThroughDate: '2025-03-10',
              effectiveEndDate: '2026-01-10',
            },
          ],
        },
      ],
    });
    const account = await get('/v1/accounts/A90000002');
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      basicInfo: { accountNumber: 'A90000002' },
      billToContact: { firstName: expect.any(String), country: expect.any(String) },
      soldToContact: { address2: 'Reception' },
    });
    // Different subscriptions have different accounts and ids.
    const other = await get(`/v1/subscriptions/${bulkSubscriptionNumber(3)}`);
    expect(other.body.accountNumber).toBe('A90000003');
    expect(other.body.id).not.toBe(subscription.body.id);
  });

  it('gives the same index the same ids on every run', () => {
    sandbox.seedBulk({ subscriptions: 1 });
    const before = sandbox.store.latestSubscription(bulkSubscriptionNumber(1))!;
    sandbox.reset('demo');
    sandbox.seedBulk({ subscriptions: 1 });
    const after = sandbox.store.latestSubscription(bulkSubscriptionNumber(1))!;
    expect(after.id).toBe(before.id);
    expect(after.ratePlans[0]!.ratePlanCharges[0]!.id).toBe(
      before.ratePlans[0]!.ratePlanCharges[0]!.id,
    );
  });

  // How fast a seed is belongs to `npm run bench` (S6 seeds 100,000), not to a timed test.
  it('adds 10,000 subscriptions in one call, numbered on from the last', () => {
    expect(sandbox.seedBulk({ subscriptions: 10_000 }).last).toBe('A-S90010000');
    expect(sandbox.store.latestSubscription('A-S90010000')).toBeDefined();
  });
});
