import type { FieldChange, IsoDate, SyncedState } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import { mapZuoraCustomer } from './zuora-customer.mapper';
import { mapZuoraTerms } from './zuora-terms.mapper';
import type { ZuoraAccount, ZuoraSubscription } from './zuora.types';

export interface ZuoraSnapshot {
  subscription: ZuoraSubscription;
  account: ZuoraAccount;
}

export interface ZuoraReconciliation {
  /** The state the local record must have after the sync. */
  next: SyncedState;
  /** Field-level changes from the local record to `next`; empty when nothing changed. */
  changes: FieldChange[];
}

/**
 * Decides what a sync changes: a pure function of the local record (null when the subscription
 * is being imported), Zuora's snapshot and the current time.
 */
export function reconcileZuoraSubscription(
  local: SyncedState | null,
  remote: ZuoraSnapshot,
  now: Date,
): ZuoraReconciliation {
  const today: IsoDate = now.toISOString().slice(0, 10);
  const next: SyncedState = {
    terms: mapZuoraTerms(remote.subscription, today),
    customer: mapZuoraCustomer(remote.account),
  };
  return {
    next,
    changes: [
      ...diffFields('subscription', local?.terms ?? null, next.terms),
      ...diffFields('customer', local?.customer ?? null, next.customer),
    ],
  };
}
