import type { FieldChange } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import type {
  StripeCustomer,
  StripeDeletedCustomer,
  StripePaymentMethod,
  StripeSubscription,
} from './stripe.types';

/** The card a subscription is paid with, as the platform shows it. */
export interface PaymentCard {
  /** Stripe's brand: `visa`, `mastercard`, `amex`, … */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The upstream payment method's id (`pm_…`). */
  externalId: string;
}

/**
 * Rule 3: the customer's default payment method (`invoice_settings.default_payment_method`),
 * else the subscription's own (`default_payment_method`), whichever is first a card. Only
 * cards are shown: another kind of payment method (e.g. a SEPA debit) gives no card. A default
 * that is only an id cannot be read and is passed over, so the adapter must expand both
 * (`expand[]=invoice_settings.default_payment_method` on the customer, `default_payment_method`
 * on the subscription). A deleted customer has no default.
 */
export function selectStripeCard(
  customer: StripeCustomer | StripeDeletedCustomer,
  subscription: StripeSubscription,
): PaymentCard | null {
  const candidates = [
    isDeleted(customer) ? null : customer.invoice_settings.default_payment_method,
    subscription.default_payment_method,
  ];
  for (const candidate of candidates) {
    const card = toCard(candidate);
    if (card !== null) return card;
  }
  return null;
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

function toCard(paymentMethod: string | StripePaymentMethod | null): PaymentCard | null {
  if (paymentMethod === null || typeof paymentMethod === 'string') return null;
  const card = paymentMethod.card;
  if (paymentMethod.type !== 'card' || card === undefined) return null;
  return {
    brand: card.brand,
    last4: card.last4,
    expMonth: card.exp_month,
    expYear: card.exp_year,
    externalId: paymentMethod.id,
  };
}

function isDeleted(
  customer: StripeCustomer | StripeDeletedCustomer,
): customer is StripeDeletedCustomer {
  return customer.deleted === true;
}
