import { StripeSandboxStore } from '../store/sandbox.store';
import { previewInvoice } from '../views/upcoming-invoice';
import { STRIPE_SANDBOX_DEMO as DEMO } from './demo.constants';
import { seedStore } from './demo.seed';

const at = (iso: string): number => Date.parse(iso) / 1000;

describe('demo seed', () => {
  const seeded = (now: string): StripeSandboxStore => {
    const store = new StripeSandboxStore(() => new Date(now));
    seedStore(store, 'demo');
    return store;
  };
  const sub = (store: StripeSandboxStore, id: string) => {
    const found = store.findSubscription(id);
    if (!found) throw new Error(`${id} is not seeded`);
    return found;
  };

  it('computes dates from today, so every current period contains now', () => {
    const now = '2026-01-31T12:00:00Z';
    const store = seeded(now);
    for (const id of [
      DEMO.subscriptions.activeGbp,
      DEMO.subscriptions.activeJpy,
      DEMO.subscriptions.pastDue,
      DEMO.subscriptions.cancelAtPeriodEnd,
    ]) {
      for (const item of sub(store, id).items) {
        expect([
          id,
          item.current_period_start <= at(now),
          item.current_period_end > at(now),
        ]).toEqual([id, true, true]);
      }
    }
    expect(sub(store, DEMO.subscriptions.activeGbp).items[0]?.current_period_end).toBe(
      at('2026-02-09T10:00:00Z'),
    );
    const canceled = sub(store, DEMO.subscriptions.canceled);
    expect(canceled).toMatchObject({ status: 'canceled', ended_at: at('2026-01-21T14:00:00Z') });
    expect(canceled.canceled_at).toBe(canceled.ended_at);
  });

  it('stays consistent whatever the day: nothing in the future, every current period contains now', () => {
    for (let day = 0; day < 366; day += 1) {
      const now = new Date(Date.UTC(2027, 0, 1) + day * 86_400_000 + 5 * 60_000);
      const store = seeded(now.toISOString());
      const seconds = now.getTime() / 1000;
      const late = store
        .listInvoices()
        .filter((i) => i.created > seconds || (i.paid_at ?? 0) > seconds);
      const periods = store
        .listSubscriptions()
        .filter((s) => s.status !== 'canceled')
        .flatMap((s) => s.items)
        .filter((i) => !(i.current_period_start <= seconds && seconds < i.current_period_end));
      const gbpPaid = store
        .listInvoices()
        .filter((i) => i.subscription === DEMO.subscriptions.activeGbp);
      expect([
        now.toISOString(),
        late.map((i) => i.id),
        periods.map((i) => i.id),
        gbpPaid.length,
      ]).toEqual([now.toISOString(), [], [], 4]);
    }
  });

  it('keeps ids fixed across days', () => {
    const ids = (store: StripeSandboxStore) =>
      store
        .listInvoices()
        .map((i) => i.id)
        .sort();
    expect(ids(seeded('2026-01-31T12:00:00Z'))).toEqual(ids(seeded('2026-07-15T03:00:00Z')));
  });

  it('issues renewal invoices as Stripe does: the invoice looks back, the lines pay for the next period', () => {
    const store = seeded('2026-01-31T12:00:00Z');
    const paid = store
      .listInvoices()
      .filter((i) => i.subscription === DEMO.subscriptions.activeGbp);
    expect(paid.map((i) => [i.id, i.status, i.amount_paid, i.number])).toEqual([
      ['in_demoActiveGbp04', 'paid', 1499, 'DEMOAH-0004'],
      ['in_demoActiveGbp03', 'paid', 1499, 'DEMOAH-0003'],
      ['in_demoActiveGbp02', 'paid', 1499, 'DEMOAH-0002'],
      ['in_demoActiveGbp01', 'paid', 1499, 'DEMOAH-0001'],
    ]);
    const latest = paid[0];
    expect(latest?.period_end).toBe(latest?.created);
    expect(latest?.lines.map((l) => [l.period_start, l.amount])).toEqual([
      [latest?.created, 1299],
      [latest?.created, 200],
    ]);
    expect(latest?.paid_at).toBe((latest?.created ?? 0) + 3600);
  });

  it('covers the cases a sync must handle', () => {
    const store = seeded('2026-01-31T12:00:00Z');
    const preview = (id: string) => previewInvoice(sub(store, id), store);
    expect(preview(DEMO.subscriptions.activeGbp)?.amount_due).toBe(1499);
    expect(preview(DEMO.subscriptions.activeJpy)).toMatchObject({
      currency: 'jpy',
      amount_due: 1200,
    });
    expect(preview(DEMO.subscriptions.pastDue)?.amount_due).toBe(1000);
    expect(preview(DEMO.subscriptions.cancelAtPeriodEnd)).toBeNull();
    expect(preview(DEMO.subscriptions.canceled)).toBeNull();
    const cancelling = sub(store, DEMO.subscriptions.cancelAtPeriodEnd);
    expect(cancelling.cancel_at).toBe(cancelling.items[0]?.current_period_end);
    expect(store.findCustomer(DEMO.customers.haruto)?.default_payment_method).toBeNull();
    expect(sub(store, DEMO.subscriptions.activeJpy).default_payment_method).toBe(
      DEMO.paymentMethods.harutoMastercard,
    );
    expect(store.findPaymentMethod(DEMO.paymentMethods.ameliaVisa)?.card).toMatchObject({
      brand: 'visa',
      last4: '4242',
    });
    expect(new Set(store.listInvoices().map((i) => i.status))).toEqual(
      new Set(['paid', 'open', 'void', 'draft']),
    );
    expect(store.findInvoice(DEMO.invoices.pastDueOpen)).toMatchObject({
      status: 'open',
      amount_paid: 0,
      amount_remaining: 1000,
      attempt_count: 2,
    });
  });

  it('empties the store for the empty seed', () => {
    const store = seeded('2026-01-31T12:00:00Z');
    seedStore(store, 'empty');
    expect(store.listInvoices()).toEqual([]);
    expect(store.findCustomer(DEMO.customers.amelia)).toBeUndefined();
  });
});
