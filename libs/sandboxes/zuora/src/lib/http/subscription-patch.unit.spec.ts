import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';

type Charge = { id: string; type: string; chargedThroughDate: string | null; segment: number };
type Subscription = {
  id: string;
  version: number;
  notes: string | null;
  ratePlans: { id: string; ratePlanCharges: Charge[] }[];
};

describe('Zuora sandbox: patching a subscription in place', () => {
  const now = new Date('2025-03-10T08:00:00.000Z');
  let sandbox: ZuoraSandbox;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox({ clock: () => now });
  });
  beforeEach(() => sandbox.reset('demo'));
  afterAll(() => sandbox.close());

  const patch = (key: string, body: unknown, query = '') =>
    fetch(`${sandbox.url}/sandbox/subscriptions/${key}${query}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('moves chargedThroughDate on every recurring charge, keeping id and version', async () => {
    const before = sandbox.store.latestSubscription('A-S00000271')!;
    const answer = await patch(
      'A-S00000271',
      { notes: 'bill run', charges: { chargedThroughDate: '2025-05-10' } },
      '?inPlace=true',
    );
    expect(answer.status).toBe(200);
    const after = (await answer.json()) as Subscription;
    expect(after).toMatchObject({
      id: before.id,
      version: 3,
      notes: 'bill run',
    });
    // The admin answer folds segments together; the stored version shows each one.
    const stored = sandbox.store.latestSubscription('A-S00000271')!;
    const storedCharges = (sub: typeof stored) => sub.ratePlans.flatMap((p) => p.ratePlanCharges);
    expect(storedCharges(stored).map((c) => c.id)).toEqual(storedCharges(before).map((c) => c.id));
    expect(stored.ratePlans.map((p) => p.id)).toEqual(before.ratePlans.map((p) => p.id));
    // Both segments of the monthly charge moved; the one-time welcome pack did not.
    expect(storedCharges(stored).map((c) => [c.type, c.segment, c.chargedThroughDate])).toEqual([
      ['OneTime', 1, '2023-12-11'],
      ['Recurring', 1, '2025-05-10'],
      ['Recurring', 2, '2025-05-10'],
    ]);
    expect(sandbox.store.subscriptionVersions('A-S00000271')!.map((v) => v.id)).toHaveLength(3);
    // The v1 view does not show updatedDate; the stored version has it bumped to now.
    expect(sandbox.store.latestSubscription(before.id)!.updatedDate).toBe(now.toISOString());
  });

  it('does the same through the store option', () => {
    const before = sandbox.store.latestSubscription('A-S00000272')!;
    const after = sandbox.store.patchSubscription(
      'A-S00000272',
      { autoRenew: true },
      { inPlace: true },
    );
    expect([after.id, after.version, after.autoRenew]).toEqual([before.id, 1, true]);
    expect(sandbox.store.subscriptionVersions('A-S00000272')).toHaveLength(1);
  });

  it('without inPlace, stores the change as a new version with new ids', async () => {
    const before = sandbox.store.latestSubscription('A-S00000272')!;
    const answer = await patch('A-S00000272', { charges: { chargedThroughDate: '2026-01-01' } });
    expect(answer.status).toBe(201);
    const after = (await answer.json()) as Subscription;
    expect(after.version).toBe(2);
    expect(after.id).not.toBe(before.id);
    expect(after.ratePlans[0]!.ratePlanCharges[0]!.chargedThroughDate).toBe('2026-01-01');
  });

  it('explains a charge field sent at the top level, and a bad inPlace value', async () => {
    const topLevel = await patch(
      'A-S00000271',
      { chargedThroughDate: '2025-05-10' },
      '?inPlace=true',
    );
    expect(topLevel.status).toBe(400);
    expect(await topLevel.json()).toEqual({
      message: expect.stringContaining('{"charges": {"chargedThroughDate"'),
    });
    expect((await patch('A-S00000271', {}, '?inPlace=yes')).status).toBe(400);
    expect((await patch('A-S404', {}, '?inPlace=true')).status).toBe(404);
    expect(sandbox.store.latestSubscription('A-S00000271')!.updatedDate).not.toBe(
      now.toISOString(),
    );
  });
});
