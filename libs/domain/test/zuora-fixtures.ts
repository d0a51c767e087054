import type {
  ZuoraAccount,
  ZuoraCharge,
  ZuoraContact,
  ZuoraPaymentMethod,
  ZuoraRatePlan,
  ZuoraSubscription,
} from '../src';

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

export function aZuoraAccount(
  billTo: Partial<ZuoraContact> | null = {},
  soldTo: Partial<ZuoraContact> | null = {},
): ZuoraAccount {
  return {
    basicInfo: {
      id: '8a8082c45aa81b51015ad64396090f5c',
      accountNumber: 'A00000271',
      name: 'Jane Doe Account',
      status: 'Active',
    },
    billToContact: billTo === null ? null : aZuoraContact(billTo),
    soldToContact: soldTo === null ? null : aZuoraContact({ address1: '2 Low Road', ...soldTo }),
  };
}

/** A monthly flat fee of £12.99 for the fixture subscription's term, billed through 2026-12-01. */
export function aZuoraCharge(overrides: Partial<ZuoraCharge> = {}): ZuoraCharge {
  return {
    id: '8a8082c45aa81b51015ad68744a10fe1',
    number: 'C-00000272',
    name: 'Monthly Fee',
    type: 'Recurring',
    model: 'FlatFee',
    price: 12.99,
    quantity: 1,
    currency: 'GBP',
    billingPeriod: 'Month',
    effectiveStartDate: '2026-01-01',
    effectiveEndDate: '2027-01-01',
    chargedThroughDate: '2026-12-01',
    segment: 1,
    originalChargeId: '8a8082c45aa81b51015ad68744a10fe0',
    productRatePlanChargeId: '8a8082c45aa81b51015ad5f1e2c20a11',
    ...overrides,
  };
}

export function aZuoraRatePlan(overrides: Partial<ZuoraRatePlan> = {}): ZuoraRatePlan {
  return {
    id: '8a8082c45aa81b51015ad68744690fde',
    productId: '8a8082c45aa81b51015ad5f1e1f90a01',
    productName: 'Digital Pack',
    productRatePlanId: '8a8082c45aa81b51015ad5f1e2540a07',
    ratePlanName: 'Monthly',
    lastChangeType: null,
    ratePlanCharges: [aZuoraCharge()],
    ...overrides,
  };
}

/** An active Visa credit card, the account's default. */
export function aZuoraCard(overrides: Partial<ZuoraPaymentMethod> = {}): ZuoraPaymentMethod {
  return {
    id: '8ad0823f8a1b2c3d0001',
    type: 'CreditCard',
    isDefault: true,
    status: 'Active',
    cardNumber: '************4242',
    creditCardType: 'Visa',
    expirationMonth: 8,
    expirationYear: 2030,
    ...overrides,
  };
}
