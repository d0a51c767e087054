import {
  aStripeCardPaymentMethod,
  aStripeCardSource,
  aStripeCustomer,
  aStripeLegacyCard,
  aStripeSubscription,
  CUSTOMER_ID,
} from '../../test/stripe-fixtures';
import type { FieldChange } from '../subscription/subscription.model';
import {
  diffPaymentCard,
  legacyCardBrand,
  type PaymentCard,
  selectStripeCard,
} from './stripe-payment-method.mapper';
import type {
  StripeCustomer,
  StripeCustomerSource,
  StripeDeletedCustomer,
  StripePaymentMethod,
  StripeSubscription,
} from './stripe.types';

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

const amex: PaymentCard = {
  brand: 'amex',
  last4: '0005',
  expMonth: 3,
  expYear: 2031,
  externalId: 'card_1QmR6bLkdIwHu7ixAmex',
};
const sourceMastercard: PaymentCard = {
  brand: 'mastercard',
  last4: '5100',
  expMonth: 11,
  expYear: 2028,
  externalId: 'src_1QmR6cLkdIwHu7ixMc',
};
const legacyAmex = aStripeLegacyCard();
const cardSource = aStripeCardSource();
const bankAccount: StripeCustomerSource = { id: 'ba_1QmR6dLkdIwHu7ixBank', object: 'bank_account' };

type Defaults = {
  subscriptionPm?: StripeSubscription['default_payment_method'];
  subscriptionSource?: StripeSubscription['default_source'];
  customerPm?: StripeCustomer['invoice_settings']['default_payment_method'];
  customerSource?: StripeCustomer['default_source'];
};

/** Only the defaults named are set; the rest are null. */
function pick(defaults: Defaults): PaymentCard | null {
  const customer = aStripeCustomer({
    invoice_settings: { default_payment_method: defaults.customerPm ?? null },
    default_source: defaults.customerSource ?? null,
  });
  return selectStripeCard(customer, subscriptionWith(defaults));
}

function subscriptionWith(defaults: Defaults): StripeSubscription {
  return aStripeSubscription({
    default_payment_method: defaults.subscriptionPm ?? null,
    default_source: defaults.subscriptionSource ?? null,
  });
}

const deleted: StripeDeletedCustomer = { id: CUSTOMER_ID, object: 'customer', deleted: true };

describe('selectStripeCard: the card Stripe charges', () => {
  it.each<[string, Defaults, PaymentCard | null]>([
    ["the customer's default payment method", { customerPm: aStripeCardPaymentMethod() }, visa],
    [
      "the subscription's default payment method over the customer's",
      { subscriptionPm: stripeMastercard, customerPm: aStripeCardPaymentMethod() },
      mastercard,
    ],
    [
      "the subscription's default payment method over its default source",
      { subscriptionPm: stripeMastercard, subscriptionSource: legacyAmex },
      mastercard,
    ],
    [
      "the subscription's default source over the customer's default payment method",
      { subscriptionSource: legacyAmex, customerPm: aStripeCardPaymentMethod() },
      amex,
    ],
    [
      "the customer's default payment method over the customer's default source",
      { customerPm: aStripeCardPaymentMethod(), customerSource: legacyAmex },
      visa,
    ],
    ['a customer with only a legacy card (card_…)', { customerSource: legacyAmex }, amex],
    [
      'a customer with only a card source (src_…)',
      { customerSource: cardSource },
      sourceMastercard,
    ],
    ["a subscription's card source", { subscriptionSource: cardSource }, sourceMastercard],
    [
      'no card when the method Stripe charges is a SEPA debit, even if a card comes later',
      { subscriptionPm: sepaDebit, customerPm: aStripeCardPaymentMethod() },
      null,
    ],
    [
      'no card when the default source Stripe charges is a bank account',
      { customerSource: bankAccount },
      null,
    ],
    [
      'no card when the source Stripe charges is not of type card',
      { customerSource: { id: 'src_1QmR6eLkdIwHu7ixSepa', object: 'source', type: 'sepa_debit' } },
      null,
    ],
    [
      'no card when the method Stripe charges is an id that was not expanded',
      { subscriptionPm: 'pm_1QmR5vLkdIwHu7ixMc', customerPm: aStripeCardPaymentMethod() },
      null,
    ],
    [
      'a card source without its card details is no card',
      { customerSource: aStripeCardSource({ card: { brand: 'Visa', last4: null } }) },
      null,
    ],
    [
      'a card payment method without its card details is no card',
      { customerPm: { ...aStripeCardPaymentMethod(), card: undefined } },
      null,
    ],
    ['none at all', {}, null],
  ])('%s', (_case, defaults, expected) => {
    expect(pick(defaults)).toEqual(expected);
  });

  it("takes the subscription's defaults for a deleted customer", () => {
    expect(selectStripeCard(deleted, subscriptionWith({ subscriptionSource: legacyAmex }))).toEqual(
      amex,
    );
    expect(selectStripeCard(deleted, subscriptionWith({}))).toBeNull();
  });
});

describe('legacyCardBrand', () => {
  it.each([
    ['Visa', 'visa'],
    ['American Express', 'amex'],
    ['MasterCard', 'mastercard'],
    ['Diners Club', 'diners'],
    ['UnionPay', 'unionpay'],
    ['Cartes Bancaires', 'cartes_bancaires'],
    ['Eftpos Australia', 'eftpos_au'],
    ['Unknown', 'unknown'],
    ['Some New Network', 'some_new_network'],
  ])('%s → %s', (brand, code) => {
    expect(legacyCardBrand(brand)).toBe(code);
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
