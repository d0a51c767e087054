import { SandboxStore } from '../store/sandbox.store';
import { seedStore } from './demo.seed';
import { ZUORA_SANDBOX_DEMO as DEMO } from './demo.constants';

describe('demo seed', () => {
  const seeded = (today: string): SandboxStore => {
    const store = new SandboxStore(() => new Date(`${today}T12:00:00.000Z`));
    seedStore(store, 'demo');
    return store;
  };
  const latest = (store: SandboxStore, number: string) => {
    const sub = store.latestSubscription(number);
    if (!sub) throw new Error(`${number} is not seeded`);
    return sub;
  };

  it('computes dates from today, so the demo stays current', () => {
    const store = seeded('2025-01-31');
    expect(latest(store, DEMO.subscriptions.termed)).toMatchObject({
      status: 'Active',
      termType: 'TERMED',
      autoRenew: true,
      currency: 'GBP',
      termStartDate: '2024-10-31',
      termEndDate: '2025-10-31',
    });
    expect(latest(store, DEMO.subscriptions.cancelled)).toMatchObject({
      status: 'Cancelled',
      termEndDate: '2025-01-21',
    });
    expect(latest(store, DEMO.subscriptions.evergreen)).toMatchObject({
      termType: 'EVERGREEN',
      termEndDate: null,
    });
  });

  it('keeps ids stable across runs and days, in Zuora’s 32-hex form', () => {
    const a = seeded('2025-01-31');
    const b = seeded('2026-06-15');
    for (const number of Object.values(DEMO.subscriptions)) {
      expect(latest(a, number).id).toBe(latest(b, number).id);
      expect(latest(a, number).id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('covers the cases a sync must handle', () => {
    const store = seeded('2025-01-31');
    const charges = Object.values(DEMO.subscriptions).flatMap((n) =>
      latest(store, n).ratePlans.flatMap((p) => p.ratePlanCharges),
    );
    expect(new Set(charges.map((c) => c.billingPeriod ?? c.type))).toEqual(
      new Set(['Month', 'Annual', 'OneTime']),
    );
    const removed = latest(store, DEMO.subscriptions.removedRatePlan).ratePlans.map(
      (p) => p.lastChangeType,
    );
    expect(removed).toEqual(['Remove', 'Add']);
    const future = latest(store, DEMO.subscriptions.futurePriceChange).ratePlans[0]!
      .ratePlanCharges;
    expect(future.filter((c) => c.effectiveStartDate > '2025-01-31')).toEqual([
      expect.objectContaining({ price: 12, segment: 2 }),
    ]);
    const unbilled = latest(store, DEMO.subscriptions.unbilled).ratePlans[0]!.ratePlanCharges;
    expect(unbilled.map((c) => c.chargedThroughDate)).toEqual([null, null]);
    const ids = store
      .listAccounts()
      .filter((a) => a.basicInfo[DEMO.externalIdField] === 'idp|shared-0001');
    expect(ids.map((a) => a.basicInfo.accountNumber)).toEqual([
      DEMO.accounts.oconnor,
      DEMO.accounts.oconnorDuplicate,
    ]);
  });

  it('empties the store for the empty seed', () => {
    const store = seeded('2025-01-31');
    seedStore(store, 'empty');
    expect(store.listAccounts()).toEqual([]);
    expect(store.latestSubscription(DEMO.subscriptions.termed)).toBeUndefined();
  });
});
