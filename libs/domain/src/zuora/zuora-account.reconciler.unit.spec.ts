import { aZuoraAccount, aZuoraCard } from '../../test/zuora-fixtures';
import type { FieldChange } from '../subscription/subscription.model';
import type { SyncOutcome } from '../sync/sync-outcome';
import {
  reconcileZuoraAccount,
  rollUpZuoraAccount,
  type ZuoraAccountLocal,
  type ZuoraAccountSubscriptionOutcome,
} from './zuora-account.reconciler';
import type { CustomerCard } from './zuora-payment-methods.mapper';
import type { ZuoraAccountPaymentMethods } from './zuora.types';

const visaOnFile: CustomerCard = {
  externalId: '8ad0823f8a1b2c3d0001',
  brand: 'visa',
  last4: '4242',
  expMonth: 8,
  expYear: 2030,
  isDefault: true,
};
const zuoraVisa: ZuoraAccountPaymentMethods = {
  defaultPaymentMethodId: null,
  paymentMethods: [aZuoraCard()],
};
const noCards: ZuoraAccountPaymentMethods = { defaultPaymentMethodId: null, paymentMethods: [] };
const jane = { name: 'Jane Doe', email: 'jane.doe@example.com' };

describe('reconcileZuoraAccount', () => {
  it.each<[string, ZuoraAccountLocal, ZuoraAccountPaymentMethods, FieldChange[]]>([
    ['nothing changed', { contact: jane, cards: [visaOnFile] }, zuoraVisa, []],
    [
      'a new customer: its contact and card show as changes',
      { contact: { name: null, email: null }, cards: [] },
      zuoraVisa,
      [
        { field: 'customer.name', before: null, after: 'Jane Doe' },
        { field: 'customer.email', before: null, after: 'jane.doe@example.com' },
        { field: 'paymentMethods.8ad0823f8a1b2c3d0001', before: null, after: visaOnFile },
      ],
    ],
    [
      'a new email and a removed card',
      { contact: { ...jane, email: 'old@example.com' }, cards: [visaOnFile] },
      noCards,
      [
        { field: 'customer.email', before: 'old@example.com', after: 'jane.doe@example.com' },
        { field: 'paymentMethods.8ad0823f8a1b2c3d0001', before: visaOnFile, after: null },
      ],
    ],
  ])('given %s', (_case, local, paymentMethods, changes) => {
    // When
    const result = reconcileZuoraAccount(local, { account: aZuoraAccount(), paymentMethods });
    // Then
    expect(result).toEqual({
      contact: jane,
      cards: paymentMethods === noCards ? [] : [visaOnFile],
      changes,
    });
  });
});

describe('rollUpZuoraAccount', () => {
  const owner = 'own_01';
  const accountChange: FieldChange = { field: 'customer.name', before: null, after: 'Jane Doe' };
  const succeeded = (...changes: FieldChange[]): SyncOutcome => ({
    status: 'succeeded',
    subscriptionId: 'sub_01',
    ownerId: owner,
    changes,
  });
  const failed: SyncOutcome = {
    status: 'failed',
    subscriptionId: 'sub_02',
    ownerId: owner,
    error: { code: 'ZUORA_SERVER_ERROR', message: 'boom' },
  };
  const statusChange = { field: 'subscription.status', before: 'active', after: 'cancelled' };

  it.each<[string, FieldChange[], ZuoraAccountSubscriptionOutcome[], SyncOutcome]>([
    [
      'an account without subscriptions',
      [accountChange],
      [],
      { status: 'succeeded', subscriptionId: null, ownerId: owner, changes: [accountChange] },
    ],
    [
      "subscriptions' changes, prefixed with their number, after the account's own",
      [accountChange],
      [
        { subscriptionNumber: 'A-S1', outcome: succeeded(statusChange) },
        { subscriptionNumber: 'A-S2', outcome: succeeded() },
        { subscriptionNumber: 'A-S3', outcome: succeeded(statusChange) },
      ],
      {
        status: 'succeeded',
        subscriptionId: null,
        ownerId: owner,
        changes: [
          accountChange,
          { ...statusChange, field: 'A-S1.subscription.status' },
          { ...statusChange, field: 'A-S3.subscription.status' },
        ],
      },
    ],
    [
      "a subscription's customer changes: reported once, by the account",
      [accountChange],
      [{ subscriptionNumber: 'A-S1', outcome: succeeded(accountChange, statusChange) }],
      {
        status: 'succeeded',
        subscriptionId: null,
        ownerId: owner,
        changes: [accountChange, { ...statusChange, field: 'A-S1.subscription.status' }],
      },
    ],
    [
      'a subscription that failed: the account ends with its outcome',
      [accountChange],
      [
        { subscriptionNumber: 'A-S1', outcome: succeeded(statusChange) },
        { subscriptionNumber: 'A-S2', outcome: failed },
        { subscriptionNumber: 'A-S3', outcome: { ...failed, subscriptionId: 'sub_03' } },
      ],
      failed,
    ],
  ])('given %s', (_case, accountChanges, subscriptions, expected) => {
    // When
    const outcome = rollUpZuoraAccount(owner, accountChanges, subscriptions);
    // Then
    expect(outcome).toEqual(expected);
  });
});
