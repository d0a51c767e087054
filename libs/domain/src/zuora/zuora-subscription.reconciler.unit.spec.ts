import { aZuoraAccount, aZuoraSubscription } from '../../test/zuora-fixtures';
import { reconcileZuoraSubscription } from './zuora-subscription.reconciler';

describe('reconcileZuoraSubscription', () => {
  const now = new Date('2026-11-20T10:00:00Z');

  it('imports: every field is a change from null', () => {
    const result = reconcileZuoraSubscription(
      null,
      { subscription: aZuoraSubscription(), account: aZuoraAccount() },
      now,
    );

    expect(result.next).toEqual({
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-01-01', autoRenew: true },
      customer: { name: 'Jane Doe', email: 'jane.doe@example.com' },
    });
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: null, after: 'active' },
      { field: 'subscription.termStart', before: null, after: '2026-01-01' },
      { field: 'subscription.termEnd', before: null, after: '2027-01-01' },
      { field: 'subscription.autoRenew', before: null, after: true },
      { field: 'customer.name', before: null, after: 'Jane Doe' },
      { field: 'customer.email', before: null, after: 'jane.doe@example.com' },
    ]);
  });

  it('a second sync with nothing changed upstream changes nothing', () => {
    const remote = { subscription: aZuoraSubscription(), account: aZuoraAccount() };
    const first = reconcileZuoraSubscription(null, remote, now);

    const second = reconcileZuoraSubscription(first.next, remote, now);

    expect(second.changes).toEqual([]);
    expect(second.next).toEqual(first.next);
  });

  it('a renewal in Zuora moves the term dates', () => {
    const before = reconcileZuoraSubscription(
      null,
      { subscription: aZuoraSubscription(), account: aZuoraAccount() },
      now,
    ).next;

    const renewed = aZuoraSubscription({ termStartDate: '2027-01-01', termEndDate: '2028-01-01' });
    const result = reconcileZuoraSubscription(
      before,
      { subscription: renewed, account: aZuoraAccount() },
      now,
    );

    expect(result.changes).toEqual([
      { field: 'subscription.termStart', before: '2026-01-01', after: '2027-01-01' },
      { field: 'subscription.termEnd', before: '2027-01-01', after: '2028-01-01' },
    ]);
  });

  it('a cancellation for bad debt and auto-renew switched off are both picked up', () => {
    const before = reconcileZuoraSubscription(
      null,
      { subscription: aZuoraSubscription(), account: aZuoraAccount() },
      now,
    ).next;

    const cancelled = aZuoraSubscription({ status: 'Cancelled', autoRenew: false });
    const result = reconcileZuoraSubscription(
      before,
      { subscription: cancelled, account: aZuoraAccount() },
      now,
    );

    expect(result.next.terms.status).toBe('cancelled');
    expect(result.changes).toEqual([
      { field: 'subscription.status', before: 'active', after: 'cancelled' },
      { field: 'subscription.autoRenew', before: true, after: false },
    ]);
  });

  it('an evergreen subscription has no term end', () => {
    const evergreen = aZuoraSubscription({ termType: 'EVERGREEN', termEndDate: null });
    const result = reconcileZuoraSubscription(
      null,
      { subscription: evergreen, account: aZuoraAccount() },
      now,
    );
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
      { subscription: aZuoraSubscription(), account: aZuoraAccount(billTo) },
      now,
    );
    expect(result.next.customer).toEqual(expected);
  });
});
