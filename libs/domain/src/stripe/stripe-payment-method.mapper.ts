import type { FieldChange } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import type {
  StripeCustomer,
  StripeCustomerSource,
  StripeDeletedCustomer,
  StripePaymentMethod,
  StripeSubscription,
} from './stripe.types';

/** The card a subscription is paid with, as the platform shows it. */
export interface PaymentCard {
  /** Stripe's PaymentMethod brand: `visa`, `mastercard`, `amex`, … */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The upstream id: a payment method (`pm_…`), or a legacy card (`card_…`) or source (`src_…`). */
  externalId: string;
}

type Charged = string | StripePaymentMethod | StripeCustomerSource;

/**
 * Rule 3: the card Stripe would charge for the subscription's next invoice. Stripe takes the
 * first of these that is set (stripe-node 23.1.0, `Subscription.default_payment_method` and
 * `default_source`; Stripe's API reference for the subscription object says the same):
 * 1. the subscription's `default_payment_method`,
 * 2. the subscription's `default_source`,
 * 3. the customer's `invoice_settings.default_payment_method`,
 * 4. the customer's `default_source`.
 * Legacy sources count: a Card (`card_…`) or a Source of type `card` (`src_…`). When the one Stripe
 * would charge is not a card (a SEPA debit, a bank account), or could not be read (an id the
 * adapter did not expand), there is no card to show: a card further down the list is not the one
 * that pays. A deleted customer has no defaults.
 */
export function selectStripeCard(
  customer: StripeCustomer | StripeDeletedCustomer,
  subscription: StripeSubscription,
): PaymentCard | null {
  const live = isDeleted(customer) ? null : customer;
  const candidates: (Charged | null)[] = [
    subscription.default_payment_method,
    subscription.default_source,
    live?.invoice_settings.default_payment_method ?? null,
    live?.default_source ?? null,
  ];
  const charged = candidates.find((candidate) => candidate !== null) ?? null;
  return charged === null ? null : toCard(charged);
}

/**
 * Field changes between two cards, named `paymentMethod.<field>`. A card that is gone reads as
 * every field going to null; from a null `before` (an import, or no card yet) every field of the
 * new card is a change.
 */
export function diffPaymentCard(
  before: PaymentCard | null,
  after: PaymentCard | null,
): FieldChange[] {
  return diffFields('paymentMethod', before, after ?? NO_CARD);
}

type NoCard = { [K in keyof PaymentCard]: null };

const NO_CARD: NoCard = {
  brand: null,
  last4: null,
  expMonth: null,
  expYear: null,
  externalId: null,
};

function toCard(charged: Charged): PaymentCard | null {
  if (typeof charged === 'string') return null;
  switch (charged.object) {
    case 'payment_method': {
      const card = charged.card;
      if (charged.type !== 'card' || card === undefined) return null;
      return {
        brand: card.brand,
        last4: card.last4,
        expMonth: card.exp_month,
        expYear: card.exp_year,
        externalId: charged.id,
      };
    }
    case 'card':
      return {
        brand: legacyCardBrand(charged.brand),
        last4: charged.last4,
        expMonth: charged.exp_month,
        expYear: charged.exp_year,
        externalId: charged.id,
      };
    case 'source': {
      const card = charged.card;
      if (charged.type !== 'card' || card === undefined) return null;
      const { brand, last4, exp_month: expMonth, exp_year: expYear } = card;
      if (!brand || !last4 || !expMonth || !expYear) return null;
      return { brand: legacyCardBrand(brand), last4, expMonth, expYear, externalId: charged.id };
    }
    default:
      return null;
  }
}

/**
 * Legacy Cards and Sources name brands for display (`American Express`, `MasterCard`, per
 * stripe-node 23.1.0's `Card.brand`); PaymentMethods use codes (`amex`, `mastercard`). The
 * platform shows codes, so one card reads the same whichever API holds it.
 */
const LEGACY_BRANDS: Readonly<Record<string, string>> = {
  'american express': 'amex',
  'cartes bancaires': 'cartes_bancaires',
  'diners club': 'diners',
  discover: 'discover',
  'eftpos australia': 'eftpos_au',
  girocard: 'girocard',
  jcb: 'jcb',
  mastercard: 'mastercard',
  unionpay: 'unionpay',
  visa: 'visa',
  unknown: 'unknown',
};

export function legacyCardBrand(brand: string): string {
  const key = brand.trim().toLowerCase();
  return LEGACY_BRANDS[key] ?? key.replace(/\s+/g, '_');
}

function isDeleted(
  customer: StripeCustomer | StripeDeletedCustomer,
): customer is StripeDeletedCustomer {
  return customer.deleted === true;
}
