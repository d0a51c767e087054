import {
  aStripeCardPaymentMethod,
  aStripeCustomer,
  aStripeSubscription,
  CUSTOMER_ID,
} from '../../test/stripe-fixtures';
import type { FieldChange } from '../subscription/subscription.model';
import {
  diffPaymentCard,
  type PaymentCard,
  selectStripeCard,
} from './stripe-payment-method.mapper';
import type { StripeCustomer, StripeDeletedCustomer, StripePaymentMethod } from './stripe.types';

const visa: PaymentCard = {
  brand: 'visa',
  last4: '4242',
  expMonth: 8,
  expYear: 2030,
  externalId: 'pm_1QmR5vLkdIwHu7ixVisa',
};
const mastercard: PaymentCard = {
  brand: 'mastercard',
  last4: '4444',
  expMonth: 12,
  expYear: 2029,
  externalId: 'pm_1QmR5vLkdIwHu7ixMc',
};
const stripeMastercard = aStripeCardPaymentMethod(
  { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2029 },
  { id: 'pm_1QmR5vLkdIwHu7ixMc' },
);
const sepaDebit: StripePaymentMethod = {
  id: 'pm_1QmR5vLkdIwHu7ixSepa',
  object: 'payment_method',
  type: 'sepa_debit',
};

const customerWith = (defaultPaymentMethod: string | StripePaymentMethod | null) =>
  aStripeCustomer({ invoice_settings: { default_payment_method: defaultPaymentMethod } });
const deleted: StripeDeletedCustomer = { id: CUSTOMER_ID, object: 'customer', deleted: true };

describe('selectStripeCard', () => {
  it.each<
    [
      string,
      StripeCustomer | StripeDeletedCustomer,
      string | StripePaymentMethod | null,
      PaymentCard | null,
    ]
  >([
    ["the customer's default card", aStripeCustomer(), null, visa],
    ["the customer's default over the subscription's", aStripeCustomer(), stripeMastercard, visa],
    [
      "the subscription's when the customer has none",
      customerWith(null),
      stripeMastercard,
      mastercard,
    ],
    [
      "the subscription's when the customer's is an id that was not expanded",
      customerWith('pm_1QmR5vLkdIwHu7ixVisa'),
      stripeMastercard,
      mastercard,
    ],
    [
      "the subscription's when the customer's is not a card",
      customerWith(sepaDebit),
      stripeMastercard,
      mastercard,
    ],
    ["the subscription's for a deleted customer", deleted, stripeMastercard, mastercard],
    ['none when neither is expanded', customerWith('pm_a'), 'pm_b', null],
    ['none when the only default is not a card', customerWith(sepaDebit), null, null],
    ['none at all', customerWith(null), null, null],
    [
      'a card payment method without its card details is no card',
      customerWith({ ...aStripeCardPaymentMethod(), card: undefined }),
      null,
      null,
    ],
  ])('%s', (_case, customer, subscriptionDefault, expected) => {
    const subscription = aStripeSubscription({ default_payment_method: subscriptionDefault });
    expect(selectStripeCard(customer, subscription)).toEqual(expected);
  });
});

describe('diffPaymentCard', () => {
  it.each<[string, PaymentCard | null, PaymentCard | null, FieldChange[]]>([
    [
      'a first card: every field from null',
      null,
      visa,
      [
        { field: 'paymentMethod.brand', before: null, after: 'visa' },
        { field: 'paymentMethod.last4', before: null, after: '4242' },
        { field: 'paymentMethod.expMonth', before: null, after: 8 },
        { field: 'paymentMethod.expYear', before: null, after: 2030 },
        { field: 'paymentMethod.externalId', before: null, after: 'pm_1QmR5vLkdIwHu7ixVisa' },
      ],
    ],
    ['the same card', visa, { ...visa }, []],
    [
      'the card was renewed with a new expiry',
      visa,
      { ...visa, expMonth: 9, expYear: 2033 },
      [
        { field: 'paymentMethod.expMonth', before: 8, after: 9 },
        { field: 'paymentMethod.expYear', before: 2030, after: 2033 },
      ],
    ],
    [
      'another card',
      visa,
      mastercard,
      [
        { field: 'paymentMethod.brand', before: 'visa', after: 'mastercard' },
        { field: 'paymentMethod.last4', before: '4242', after: '4444' },
        { field: 'paymentMethod.expMonth', before: 8, after: 12 },
        { field: 'paymentMethod.expYear', before: 2030, after: 2029 },
        {
          field: 'paymentMethod.externalId',
          before: 'pm_1QmR5vLkdIwHu7ixVisa',
          after: 'pm_1QmR5vLkdIwHu7ixMc',
        },
      ],
    ],
    [
      'the card is gone: every field to null',
      visa,
      null,
      [
        { field: 'paymentMethod.brand', before: 'visa', after: null },
        { field: 'paymentMethod.last4', before: '4242', after: null },
        { field: 'paymentMethod.expMonth', before: 8, after: null },
        { field: 'paymentMethod.expYear', before: 2030, after: null },
        { field: 'paymentMethod.externalId', before: 'pm_1QmR5vLkdIwHu7ixVisa', after: null },
      ],
    ],
    ['no card before or after', null, null, []],
  ])('%s', (_case, before, after, expected) => {
    expect(diffPaymentCard(before, after)).toEqual(expected);
  });
});
