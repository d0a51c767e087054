import type { ZuoraAccount, ZuoraContact, ZuoraSubscription } from '../src';

// Builders for Zuora responses in unit tests: realistic defaults, overridden per case.
export function aZuoraSubscription(overrides: Partial<ZuoraSubscription> = {}): ZuoraSubscription {
  return {
    id: '8a8082c45aa81b51015ad68743ec0fdb',
    subscriptionNumber: 'A-S00000271',
    accountId: '8a8082c45aa81b51015ad64396090f5c',
    accountNumber: 'A00000271',
    version: 3,
    status: 'Active',
    termType: 'TERMED',
    subscriptionStartDate: '2025-01-01',
    subscriptionEndDate: '2027-01-01',
    termStartDate: '2026-01-01',
    termEndDate: '2027-01-01',
    autoRenew: true,
    currency: 'GBP',
    ratePlans: [],
    ...overrides,
  };
}

export function aZuoraContact(overrides: Partial<ZuoraContact> = {}): ZuoraContact {
  return {
    firstName: 'Jane',
    lastName: 'Doe',
    workEmail: 'jane.doe@example.com',
    personalEmail: null,
    address1: '1 High Street',
    address2: null,
    city: 'London',
    state: 'Greater London',
    zipCode: 'SW1A 1AA',
    country: 'United Kingdom',
    ...overrides,
  };
}

export function aZuoraAccount(billTo: Partial<ZuoraContact> | null = {}): ZuoraAccount {
  return {
    basicInfo: {
      id: '8a8082c45aa81b51015ad64396090f5c',
      accountNumber: 'A00000271',
      name: 'Jane Doe Account',
      status: 'Active',
    },
    billToContact: billTo === null ? null : aZuoraContact(billTo),
    soldToContact: aZuoraContact({ address1: '2 Low Road' }),
  };
}
