import type { FieldChange } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import type { ZuoraAccountPaymentMethods, ZuoraPaymentMethod } from './zuora.types';

/** A card on file of a customer's billing account, as the platform stores it. */
export interface CustomerCard {
  /** The upstream payment method's id. */
  externalId: string;
  /** Lower-case brand id as Stripe spells it (`visa`, `mastercard`, `amex`, …). */
  brand: string;
  /** Null for a gateway-tokenised card whose digits Zuora does not give. */
  last4: string | null;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

/** Zuora's card payment method types; others (PayPal, ACH, bank transfer, …) are not cards. */
const CARD_TYPES: ReadonlySet<string> = new Set([
  'CreditCard',
  'DebitCard',
  'CreditCardReferenceTransaction',
]);

/**
 * A card stored at the payment gateway and charged by its token. Zuora's published example of
 * GET /v1/accounts/{key}/payment-methods (API reference 2023-12-15) lists one with
 * `creditCardType`, `expirationMonth`, `expirationYear`, `tokenId` and `cardNumber: null`; a
 * single GET /v1/payment-methods/{id} may add `creditCardMaskNumber`.
 */
const TOKENISED_CARD = 'CreditCardReferenceTransaction';

/**
 * Zuora's `creditCardType` → the brand id the read model shows, which is Stripe's, so that a
 * card reads the same whichever system bills it. A type not listed is lower-cased.
 */
const BRANDS: Readonly<Record<string, string>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  americanexpress: 'amex',
  discover: 'discover',
  jcb: 'jcb',
  diners: 'diners',
  dinersclub: 'diners',
  cup: 'unionpay',
  unionpay: 'unionpay',
};

/**
 * The account's cards, default first (then in Zuora's order). Only active cards with a brand
 * and an expiry count: a closed or scrubbed card cannot be charged, and another kind of payment
 * method (PayPal, ACH, bank transfer, …) has nothing to show. A credit or debit card also needs
 * a masked number ending in four digits; a gateway-tokenised card (credit card reference
 * transaction) is shown without them (`last4` null) when Zuora has none. The default is the
 * account's `defaultPaymentMethodId`; without one, the method Zuora flags `isDefault`.
 */
export function mapZuoraPaymentMethods(remote: ZuoraAccountPaymentMethods): CustomerCard[] {
  const isDefault = (method: ZuoraPaymentMethod): boolean =>
    remote.defaultPaymentMethodId ? method.id === remote.defaultPaymentMethodId : method.isDefault;
  const cards = remote.paymentMethods.flatMap((method): CustomerCard[] => {
    const card = toCard(method, isDefault(method));
    return card === null ? [] : [card];
  });
  return [...cards.filter((card) => card.isDefault), ...cards.filter((card) => !card.isDefault)];
}

/** The brand id of a Zuora `creditCardType`: `Visa` → `visa`, `AmericanExpress` → `amex`. */
export function zuoraCardBrand(creditCardType: string): string {
  const key = creditCardType.trim().toLowerCase();
  return BRANDS[key.replace(/[^a-z0-9]/g, '')] ?? key;
}

/**
 * Field changes between two sets of cards, named `paymentMethods.<externalId>.<field>`, and
 * `paymentMethods.<externalId>` from or to null for a card added or removed.
 */
export function diffCustomerCards(before: CustomerCard[], after: CustomerCard[]): FieldChange[] {
  const previous = new Map(before.map((card) => [card.externalId, card]));
  const next = new Map(after.map((card) => [card.externalId, card]));
  const ids = [...new Set([...next.keys(), ...previous.keys()])];
  return ids.flatMap((id): FieldChange[] => {
    const was = previous.get(id);
    const is = next.get(id);
    if (was === undefined || is === undefined) {
      return [{ field: `paymentMethods.${id}`, before: was ?? null, after: is ?? null }];
    }
    return diffFields(`paymentMethods.${id}`, cardFields(was), cardFields(is));
  });
}

function toCard(method: ZuoraPaymentMethod, isDefault: boolean): CustomerCard | null {
  if (!CARD_TYPES.has(method.type) || method.status !== 'Active') return null;
  const masked = method.cardNumber ?? method.creditCardMaskNumber ?? '';
  const last4 = /(\d{4})\s*$/.exec(masked)?.[1] ?? null;
  const brand = method.creditCardType?.trim();
  const { expirationMonth: expMonth, expirationYear: expYear } = method;
  if (!brand || expMonth == null || expYear == null) return null;
  if (last4 === null && method.type !== TOKENISED_CARD) return null;
  return {
    externalId: method.id,
    brand: zuoraCardBrand(brand),
    last4,
    expMonth,
    expYear,
    isDefault,
  };
}

function cardFields(card: CustomerCard): Omit<CustomerCard, 'externalId'> {
  const { externalId: _id, ...fields } = card;
  return fields;
}
