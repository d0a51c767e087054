import type { CustomerContact, FieldChange } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import type { SyncOutcome } from '../sync/sync-outcome';
import { mapZuoraCustomer } from './zuora-customer.mapper';
import {
  type CustomerCard,
  diffCustomerCards,
  mapZuoraPaymentMethods,
} from './zuora-payment-methods.mapper';
import type { ZuoraAccount, ZuoraAccountPaymentMethods } from './zuora.types';

/** What is stored of an account's customer: its contact and its cards on file. */
export interface ZuoraAccountLocal {
  contact: CustomerContact;
  cards: CustomerCard[];
}

/** What Zuora says of the account itself (its subscriptions are reconciled one by one). */
export interface ZuoraAccountRemote {
  account: ZuoraAccount;
  paymentMethods: ZuoraAccountPaymentMethods;
}

/** The customer's next contact and cards, and the account's own changes. */
export interface ZuoraAccountReconciliation {
  contact: CustomerContact;
  cards: CustomerCard[];
  /** `customer.<field>`, then `paymentMethods.<id>…`. */
  changes: FieldChange[];
}

/** One subscription of the account, as its own sync ended. */
export interface ZuoraAccountSubscriptionOutcome {
  subscriptionNumber: string;
  outcome: SyncOutcome;
}

/**
 * Reconciles the account's customer: its contact from the bill-to contact, and its cards on
 * file. A new customer starts with an empty contact, so its contact shows among the changes.
 */
export function reconcileZuoraAccount(
  local: ZuoraAccountLocal,
  remote: ZuoraAccountRemote,
): ZuoraAccountReconciliation {
  const contact = mapZuoraCustomer(remote.account);
  const cards = mapZuoraPaymentMethods(remote.paymentMethods);
  return {
    contact,
    cards,
    changes: [
      ...diffFields('customer', local.contact, contact),
      ...diffCustomerCards(local.cards, cards),
    ],
  };
}

/**
 * What the account sync records: the first subscription that did not succeed ends it with its
 * own outcome; otherwise it succeeds with the account's changes, then each subscription's,
 * prefixed with its number (`A-S00000271.subscription.status`). A subscription's `customer.*`
 * changes are dropped: the contact is the account's, reported once.
 */
export function rollUpZuoraAccount(
  ownerId: string,
  accountChanges: readonly FieldChange[],
  subscriptions: readonly ZuoraAccountSubscriptionOutcome[],
): SyncOutcome {
  const changes = [...accountChanges];
  for (const { subscriptionNumber, outcome } of subscriptions) {
    if (outcome.status !== 'succeeded') return outcome;
    changes.push(
      ...outcome.changes
        .filter((change) => !change.field.startsWith('customer.'))
        .map((change) => ({ ...change, field: `${subscriptionNumber}.${change.field}` })),
    );
  }
  return { status: 'succeeded', subscriptionId: null, ownerId, changes };
}
