import {
  aZuoraAccount,
  aZuoraCharge,
  aZuoraRatePlan,
  aZuoraSubscription,
} from '../../test/zuora-fixtures';
import type { LocalSubscription, ScheduleEntry } from '../subscription/subscription.model';
import type { ZuoraAccount, ZuoraSubscription } from './zuora.types';
import type { ZuoraCatalogMappings } from './zuora-offers.mapper';
import {
  reconcileZuoraSubscription,
  type ZuoraReconciliation,
  type ZuoraSnapshot,
} from './zuora-subscription.reconciler';

const noMappings: ZuoraCatalogMappings = new Map();
const digitalPackMonthly = '8a8082c45aa81b51015ad5f1e2540a07';
const offerKey = `${digitalPackMonthly}/C-00000272`;

function snapshot(
  subscription: ZuoraSubscription = aZuoraSubscription(),
  account: ZuoraAccount = aZuoraAccount(),
  mappings: ZuoraCatalogMappings = noMappings,
): ZuoraSnapshot {
  return { subscription, account, mappings };
}

/** The local record after the writer applied a reconciliation. */
function applied(result: ZuoraReconciliation, before: ScheduleEntry[] = []): LocalSubscription {
  const cancel = new Set(result.schedule.cancel);
  const descriptions = new Map(result.schedule.update.map((u) => [u.id, u.description]));
  return {
    ...result.next,
    schedule: [
      ...before.map((e) =>
        cancel.has(e.id)
          ? { ...e, status: 'cancelled' as const }
          : { ...e, description: descriptions.get(e.id) ?? e.description },
      ),
      ...result.schedule.create.map((c, n) => ({
        ...c,
        id: `schedule-${n}`,
        status: 'pending' as const,
      })),
    ],
  };
}

const noSchedule = { create: [], cancel: [], update: [], changes: [] };

describe('reconcileZuoraSubscription', () => {
  const now = new Date('2026-11-20T10:00:00Z');

  it('imports: every field is a change from null', () => {
    const result = reconcileZuoraSubscription(null, snapshot(), now);

    expect(result.next).toEqual({
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-01-01', autoRenew: true },
      customer: { name: 'Jane Doe', email: 'jane.doe@example.com' },
      addresses: [
        {
          type: 'billing',
          line1: '1 High Street',
          line2: null,
          city: 'London',
          state: 'Greater London',
          postalCode: 'SW1A 1AA',
          country: 'United Kingdom',
        },
        {
          type: 'shipping',
          line1: '2 Low Road',
          line2: null,
          city: 'London',
          state: 'Greater London',
          postalCode: 'SW1A 1AA',
          country: 'United Kingdom',
        },
      ],
      offers: [],
    });
    expect(result.schedule).toEqual(noSchedule);
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: null, after: 'active' },
      { field: 'subscription.termStart', before: null, after: '2026-01-01' },
      { field: 'subscription.termEnd', before: null, after: '2027-01-01' },
      { field: 'subscription.autoRenew', before: null, after: true },
      { field: 'customer.name', before: null, after: 'Jane Doe' },
      { field: 'customer.email', before: null, after: 'jane.doe@example.com' },
      { field: 'addresses.billing.line1', before: null, after: '1 High Street' },
      { field: 'addresses.billing.city', before: null, after: 'London' },
      { field: 'addresses.billing.state', before: null, after: 'Greater London' },
      { field: 'addresses.billing.postalCode', before: null, after: 'SW1A 1AA' },
      { field: 'addresses.billing.country', before: null, after: 'United Kingdom' },
      { field: 'addresses.shipping.line1', before: null, after: '2 Low Road' },
      { field: 'addresses.shipping.city', before: null, after: 'London' },
      { field: 'addresses.shipping.state', before: null, after: 'Greater London' },
      { field: 'addresses.shipping.postalCode', before: null, after: 'SW1A 1AA' },
      { field: 'addresses.shipping.country', before: null, after: 'United Kingdom' },
    ]);
  });

  it('a second sync with nothing changed upstream changes nothing', () => {
    const remote = snapshot();
    const first = reconcileZuoraSubscription(null, remote, now);

    const second = reconcileZuoraSubscription(applied(first), remote, now);

    expect(second.changes).toEqual([]);
    expect(second.next).toEqual(first.next);
  });

  it('a renewal in Zuora moves the term dates', () => {
    const before = applied(reconcileZuoraSubscription(null, snapshot(), now));

    const renewed = aZuoraSubscription({ termStartDate: '2027-01-01', termEndDate: '2028-01-01' });
    const result = reconcileZuoraSubscription(before, snapshot(renewed), now);

    expect(result.changes).toEqual([
      { field: 'subscription.termStart', before: '2026-01-01', after: '2027-01-01' },
      { field: 'subscription.termEnd', before: '2027-01-01', after: '2028-01-01' },
    ]);
  });

  it('a cancellation for bad debt and auto-renew switched off are both picked up', () => {
    const before = applied(reconcileZuoraSubscription(null, snapshot(), now));

    const cancelled = aZuoraSubscription({ status: 'Cancelled', autoRenew: false });
    const result = reconcileZuoraSubscription(before, snapshot(cancelled), now);

    expect(result.next.terms.status).toBe('cancelled');
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: 'active', after: 'cancelled' },
      { field: 'subscription.autoRenew', before: true, after: false },
    ]);
  });

  it('an evergreen subscription has no term end', () => {
    const evergreen = aZuoraSubscription({ termType: 'EVERGREEN', termEndDate: null });
    const result = reconcileZuoraSubscription(null, snapshot(evergreen), now);
    expect(result.next.terms.termEnd).toBeNull();
  });

  it.each([
    ['bill-to name and work email', {}, { name: 'Jane Doe', email: 'jane.doe@example.com' }],
    [
      'personal email when there is no work email',
      { workEmail: '', personalEmail: 'jd@home.example' },
      { name: 'Jane Doe', email: 'jd@home.example' },
    ],
    [
      'the account name when the contact has no name',
      { firstName: null, lastName: ' ' },
      { name: 'Jane Doe Account', email: 'jane.doe@example.com' },
    ],
  ])('customer from %s', (_case, billTo, expected) => {
    const result = reconcileZuoraSubscription(
      null,
      snapshot(aZuoraSubscription(), aZuoraAccount(billTo)),
      now,
    );
    expect(result.next.customer).toEqual(expected);
  });

  describe('with a monthly rate plan billed through 2026-12-01', () => {
    // The term runs 2026-06-01 → 2027-03-01 (exclusive); £12.99 a month.
    const subscription = (overrides: Partial<ZuoraSubscription> = {}) =>
      aZuoraSubscription({
        termStartDate: '2026-06-01',
        termEndDate: '2027-03-01',
        ratePlans: [
          aZuoraRatePlan({
            ratePlanCharges: [
              aZuoraCharge({
                effectiveStartDate: '2026-06-01',
                effectiveEndDate: overrides.termEndDate ?? '2027-03-01',
                chargedThroughDate: '2026-12-01',
              }),
            ],
          }),
        ],
        ...overrides,
      });
    const catalog: ZuoraCatalogMappings = new Map([
      [digitalPackMonthly, { offerId: 'offer-3b9d', offerName: 'Digital Pack' }],
    ]);

    it('imports the offer and schedules the charges until the term end', () => {
      const result = reconcileZuoraSubscription(
        null,
        snapshot(subscription(), aZuoraAccount(), catalog),
        now,
      );

      expect(result.next.offers).toEqual([
        {
          sourceKey: offerKey,
          name: 'Digital Pack',
          offerId: 'offer-3b9d',
          mapped: true,
          productName: 'Digital Pack',
          ratePlanName: 'Monthly',
          productRatePlanId: digitalPackMonthly,
          start: '2026-06-01',
          end: '2027-03-01',
          charges: [
            {
              name: 'Monthly Fee',
              type: 'Recurring',
              quantity: '1',
              price: '12.99',
              currency: 'GBP',
              billingPeriod: 'Month',
            },
          ],
        },
      ]);
      expect(result.schedule.create.map((c) => [c.sourceKey, c.date, c.amount])).toEqual([
        ['C-00000272@2026-12-01', '2026-12-01', '12.99'],
        ['C-00000272@2027-01-01', '2027-01-01', '12.99'],
        ['C-00000272@2027-02-01', '2027-02-01', '12.99'],
      ]);
      expect(result.changes.filter((c) => /^(offers|schedule)\./.test(c.field))).toEqual([
        { field: `offers.${offerKey}`, before: null, after: result.next.offers[0] },
        {
          field: 'schedule.C-00000272@2026-12-01',
          before: null,
          after: { date: '2026-12-01', amount: '12.99', currency: 'GBP', status: 'pending' },
        },
        {
          field: 'schedule.C-00000272@2027-01-01',
          before: null,
          after: { date: '2027-01-01', amount: '12.99', currency: 'GBP', status: 'pending' },
        },
        {
          field: 'schedule.C-00000272@2027-02-01',
          before: null,
          after: { date: '2027-02-01', amount: '12.99', currency: 'GBP', status: 'pending' },
        },
      ]);
    });

    it('a second sync changes nothing and does nothing to the schedule', () => {
      const remote = snapshot(subscription(), aZuoraAccount(), catalog);
      const first = reconcileZuoraSubscription(null, remote, now);

      const second = reconcileZuoraSubscription(applied(first), remote, now);

      expect(second.changes).toEqual([]);
      expect(second.schedule).toEqual(noSchedule);
    });

    it('a cancellation on 2027-01-01 cancels the pending charges from that date on', () => {
      const imported = applied(
        reconcileZuoraSubscription(null, snapshot(subscription(), aZuoraAccount(), catalog), now),
      );

      const cancelled = subscription({
        status: 'Cancelled',
        autoRenew: false,
        termEndDate: '2027-01-01',
        subscriptionEndDate: '2027-01-01',
      });
      const result = reconcileZuoraSubscription(
        imported,
        snapshot(cancelled, aZuoraAccount(), catalog),
        now,
      );

      expect(result.schedule).toMatchObject({
        create: [],
        cancel: ['schedule-1', 'schedule-2'],
        update: [],
      });
      expect(result.changes).toEqual([
        { field: 'subscription.status', before: 'active', after: 'cancelled' },
        { field: 'subscription.termEnd', before: '2027-03-01', after: '2027-01-01' },
        { field: 'subscription.autoRenew', before: true, after: false },
        { field: `offers.${offerKey}.end`, before: '2027-03-01', after: '2027-01-01' },
        {
          field: 'schedule.C-00000272@2027-01-01',
          before: { date: '2027-01-01', amount: '12.99', currency: 'GBP', status: 'pending' },
          after: { date: '2027-01-01', amount: '12.99', currency: 'GBP', status: 'cancelled' },
        },
        {
          field: 'schedule.C-00000272@2027-02-01',
          before: { date: '2027-02-01', amount: '12.99', currency: 'GBP', status: 'pending' },
          after: { date: '2027-02-01', amount: '12.99', currency: 'GBP', status: 'cancelled' },
        },
      ]);
    });

    it('a moved billing address and a plan mapped since the import are picked up', () => {
      const imported = applied(reconcileZuoraSubscription(null, snapshot(subscription()), now));

      const moved = aZuoraAccount({ city: 'Bristol', zipCode: 'BS1 4DJ', state: '' });
      const result = reconcileZuoraSubscription(
        imported,
        snapshot(subscription(), moved, catalog),
        now,
      );

      expect(result.changes).toEqual([
        { field: 'addresses.billing.city', before: 'London', after: 'Bristol' },
        { field: 'addresses.billing.state', before: 'Greater London', after: null },
        { field: 'addresses.billing.postalCode', before: 'SW1A 1AA', after: 'BS1 4DJ' },
        {
          field: `offers.${offerKey}.name`,
          before: 'Digital Pack – Monthly',
          after: 'Digital Pack',
        },
        { field: `offers.${offerKey}.offerId`, before: null, after: 'offer-3b9d' },
        { field: `offers.${offerKey}.mapped`, before: false, after: true },
      ]);
      expect(result.schedule).toEqual(noSchedule);
    });
  });
});
