import { aZuoraCard } from '../../test/zuora-fixtures';
import type { FieldChange } from '../subscription/subscription.model';
import {
  type CustomerCard,
  diffCustomerCards,
  mapZuoraPaymentMethods,
  zuoraCardBrand,
} from './zuora-payment-methods.mapper';
import type { ZuoraAccountPaymentMethods, ZuoraPaymentMethod } from './zuora.types';

const zuoraVisa: ZuoraPaymentMethod = aZuoraCard();
const zuoraMastercard: ZuoraPaymentMethod = {
  id: '8ad0823f8a1b2c3d0002',
  type: 'CreditCard',
  isDefault: false,
  status: 'Active',
  cardNumber: '************4444',
  creditCardType: 'MasterCard',
  expirationMonth: 3,
  expirationYear: 2027,
};
const payPal: ZuoraPaymentMethod = {
  id: '8ad0823f8a1b2c3d0003',
  type: 'PayPal',
  isDefault: false,
  status: 'Active',
};

const visa: CustomerCard = {
  externalId: zuoraVisa.id,
  brand: 'visa',
  last4: '4242',
  expMonth: 8,
  expYear: 2030,
  isDefault: true,
};
const mastercard: CustomerCard = {
  externalId: zuoraMastercard.id,
  brand: 'mastercard',
  last4: '4444',
  expMonth: 3,
  expYear: 2027,
  isDefault: false,
};

const account = (
  paymentMethods: ZuoraPaymentMethod[],
  defaultPaymentMethodId: string | null = null,
): ZuoraAccountPaymentMethods => ({ defaultPaymentMethodId, paymentMethods });

describe('mapZuoraPaymentMethods', () => {
  it.each<[string, ZuoraAccountPaymentMethods, CustomerCard[]]>([
    [
      'cards with brand, last four digits and expiry; the default by defaultPaymentMethodId',
      account([zuoraVisa, zuoraMastercard], zuoraVisa.id),
      [visa, mastercard],
    ],
    [
      'defaultPaymentMethodId wins over the isDefault flags, and the default comes first',
      account([zuoraVisa, zuoraMastercard], zuoraMastercard.id),
      [
        { ...mastercard, isDefault: true },
        { ...visa, isDefault: false },
      ],
    ],
    [
      'without defaultPaymentMethodId, the isDefault flag',
      account([zuoraMastercard, zuoraVisa]),
      [visa, mastercard],
    ],
    [
      'no default at all',
      account([{ ...zuoraVisa, isDefault: false }, zuoraMastercard]),
      [{ ...visa, isDefault: false }, mastercard],
    ],
    [
      'a method that is not a card is skipped',
      account([payPal, zuoraVisa], payPal.id),
      [{ ...visa, isDefault: false }],
    ],
    [
      'a debit card is a card',
      account([{ ...zuoraVisa, type: 'DebitCard' }], zuoraVisa.id),
      [visa],
    ],
    [
      'a card reference transaction is a card',
      account([{ ...zuoraVisa, type: 'CreditCardReferenceTransaction' }], zuoraVisa.id),
      [visa],
    ],
    [
      "a tokenised default card without digits (as in Zuora's published example) is shown with last4 null",
      account(
        [
          zuoraMastercard,
          {
            id: 'ccrt-1',
            type: 'CreditCardReferenceTransaction',
            isDefault: false,
            status: 'Active',
            cardNumber: null,
            creditCardType: 'Visa',
            expirationMonth: 11,
            expirationYear: 2031,
          },
        ],
        'ccrt-1',
      ),
      [
        {
          externalId: 'ccrt-1',
          brand: 'visa',
          last4: null,
          expMonth: 11,
          expYear: 2031,
          isDefault: true,
        },
        { ...mastercard, isDefault: false },
      ],
    ],
    [
      'a tokenised card takes its digits from creditCardMaskNumber when cardNumber is missing',
      account(
        [
          {
            ...zuoraVisa,
            type: 'CreditCardReferenceTransaction',
            cardNumber: undefined,
            creditCardMaskNumber: '************4242',
          },
        ],
        zuoraVisa.id,
      ),
      [visa],
    ],
    [
      'a tokenised card without brand or expiry has nothing to show',
      account([
        {
          ...zuoraVisa,
          type: 'CreditCardReferenceTransaction',
          cardNumber: null,
          creditCardType: null,
        },
        { ...zuoraVisa, type: 'CreditCardReferenceTransaction', expirationYear: null },
      ]),
      [],
    ],
    [
      'closed and scrubbed cards are skipped',
      account([
        { ...zuoraVisa, status: 'Closed' },
        { ...zuoraMastercard, status: 'Scrubbed' },
      ]),
      [],
    ],
    [
      'a card without a readable number, brand or expiry is skipped',
      account([
        { ...zuoraVisa, cardNumber: null },
        { ...zuoraVisa, cardNumber: '************' },
        { ...zuoraVisa, creditCardType: ' ' },
        { ...zuoraVisa, expirationMonth: null },
        { ...zuoraVisa, expirationYear: undefined },
      ]),
      [],
    ],
    ['no payment methods', account([]), []],
  ])('%s', (_case, remote, expected) => {
    expect(mapZuoraPaymentMethods(remote)).toEqual(expected);
  });
});

describe('zuoraCardBrand', () => {
  it.each([
    ['Visa', 'visa'],
    ['MasterCard', 'mastercard'],
    ['AmericanExpress', 'amex'],
    ['Discover', 'discover'],
    ['JCB', 'jcb'],
    ['Diners', 'diners'],
    ['CUP', 'unionpay'],
    ['Dankort', 'dankort'],
    [' Maestro ', 'maestro'],
  ])('%s → %s', (creditCardType, brand) => {
    expect(zuoraCardBrand(creditCardType)).toBe(brand);
  });
});

describe('diffCustomerCards', () => {
  it.each<[string, CustomerCard[], CustomerCard[], FieldChange[]]>([
    [
      'first sight: each card added from null',
      [],
      [visa, mastercard],
      [
        { field: `paymentMethods.${visa.externalId}`, before: null, after: visa },
        { field: `paymentMethods.${mastercard.externalId}`, before: null, after: mastercard },
      ],
    ],
    ['the same cards, in another order', [mastercard, visa], [visa, mastercard], []],
    [
      'a renewed expiry and a new default',
      [visa, mastercard],
      [
        { ...visa, isDefault: false },
        { ...mastercard, expYear: 2031, isDefault: true },
      ],
      [
        { field: `paymentMethods.${visa.externalId}.isDefault`, before: true, after: false },
        { field: `paymentMethods.${mastercard.externalId}.expYear`, before: 2027, after: 2031 },
        { field: `paymentMethods.${mastercard.externalId}.isDefault`, before: false, after: true },
      ],
    ],
    [
      'a card removed in Zuora goes to null',
      [visa, mastercard],
      [visa],
      [{ field: `paymentMethods.${mastercard.externalId}`, before: mastercard, after: null }],
    ],
  ])('%s', (_case, before, after, expected) => {
    expect(diffCustomerCards(before, after)).toEqual(expected);
  });
});
