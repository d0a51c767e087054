import type {
  FieldChange,
  IsoDate,
  LocalSubscription,
  SyncedState,
} from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import { reconcileSchedule } from './schedule/schedule.reconciler';
import type { ScheduleReconciliation } from './schedule/schedule.types';
import { planZuoraSchedule } from './schedule/zuora-schedule.planner';
import { diffAddresses, mapZuoraAddresses } from './zuora-addresses.mapper';
import { mapZuoraCustomer } from './zuora-customer.mapper';
import { diffOffers, mapZuoraOffers, type ZuoraCatalogMappings } from './zuora-offers.mapper';
import { mapZuoraTerms } from './zuora-terms.mapper';
import type { ZuoraAccount, ZuoraSubscription } from './zuora.types';

export interface ZuoraSnapshot {
  subscription: ZuoraSubscription;
  account: ZuoraAccount;
  /** The catalog mapping from Zuora product rate plans to platform offers. */
  mappings: ZuoraCatalogMappings;
}

export interface ZuoraReconciliation {
  /** The state the local record must have after the sync. */
  next: SyncedState;
  /** What to do to the local schedule (cancel before create). */
  schedule: ScheduleReconciliation;
  /**
   * Field-level changes from the local record to `next` and the schedule: terms, customer,
   * addresses, offers, then schedule entries. Empty when nothing changed.
   */
  changes: FieldChange[];
}

/**
 * Decides what a sync changes: a pure function of the local record (null when the subscription
 * is being imported), Zuora's snapshot and the current time.
 */
export function reconcileZuoraSubscription(
  local: LocalSubscription | null,
  remote: ZuoraSnapshot,
  now: Date,
): ZuoraReconciliation {
  const today: IsoDate = now.toISOString().slice(0, 10);
  const next: SyncedState = {
    terms: mapZuoraTerms(remote.subscription, today),
    customer: mapZuoraCustomer(remote.account),
    addresses: mapZuoraAddresses(remote.account),
    offers: mapZuoraOffers(remote.subscription, remote.mappings, today),
  };
  const schedule = reconcileSchedule(
    local?.schedule ?? [],
    planZuoraSchedule(remote.subscription, today),
    today,
  );
  return {
    next,
    schedule,
    changes: [
      ...diffFields('subscription', local?.terms ?? null, next.terms),
      ...diffFields('customer', local?.customer ?? null, next.customer),
      ...diffAddresses(local?.addresses ?? [], next.addresses),
      ...diffOffers(local?.offers ?? [], next.offers),
      ...schedule.changes,
    ],
  };
}
