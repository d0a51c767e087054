import { aZuoraSubscription } from '../../test/zuora-fixtures';
import type { ZuoraSubscription } from './zuora.types';
import { mapZuoraStatus } from './zuora-status.mapper';

describe('mapZuoraStatus', () => {
  const today = '2026-11-20';

  it.each<[string, Partial<ZuoraSubscription>, string]>([
    ['Active within its term', { status: 'Active' }, 'active'],
    ['Cancelled', { status: 'Cancelled' }, 'cancelled'],
    ['Suspended', { status: 'Suspended' }, 'suspended'],
    ['Expired', { status: 'Expired' }, 'expired'],
    ['OutOfTerm', { status: 'OutOfTerm' }, 'expired'],
    ['Draft', { status: 'Draft' }, 'pending'],
    ['Pending Activation', { status: 'Pending Activation' }, 'pending'],
    [
      'Active but its term ended without renewal',
      { status: 'Active', autoRenew: false, termEndDate: '2026-11-20' },
      'expired',
    ],
    [
      'Active, term ended, but auto-renewing',
      { status: 'Active', autoRenew: true, termEndDate: '2026-11-01' },
      'active',
    ],
    [
      'Active evergreen with no term end',
      { status: 'Active', termType: 'EVERGREEN', autoRenew: false, termEndDate: null },
      'active',
    ],
  ])('%s → %s', (_case, overrides, expected) => {
    expect(mapZuoraStatus(aZuoraSubscription(overrides), today)).toBe(expected);
  });
});
