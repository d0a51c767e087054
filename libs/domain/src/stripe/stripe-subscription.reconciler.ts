import { reconcileSchedule } from '../schedule/schedule.reconciler';
import type { ScheduleReconciliation } from '../schedule/schedule.types';
import type {
  FieldChange,
  IsoDate,
  ScheduleEntry,
  SubscriptionTerms,
} from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import {
  diffPaymentCard,
  type PaymentCard,
  selectStripeCard,
} from './stripe-payment-method.mapper';
import { planStripeSchedule } from './stripe-schedule.planner';
import { mapStripeTerms } from './stripe-terms.mapper';
import type {
  StripeCustomer,
  StripeDeletedCustomer,
  StripeInvoice,
  StripeSubscription,
} from './stripe.types';

export interface StripeSnapshot {
  subscription: StripeSubscription;
  /** With `invoice_settings.default_payment_method` expanded. */
  customer: StripeCustomer | StripeDeletedCustomer;
  /** Every paid invoice of the subscription (`GET /v1/invoices?subscription=…&status=paid`). */
  paidInvoices: StripeInvoice[];
  /** From `POST /v1/invoices/create_preview`; null when Stripe has no next invoice. */
  upcoming: StripeInvoice | null;
}

/**
 * What the Stripe sync reads from and writes to the local record. Unlike the Zuora sync it has
 * no customer name, email or addresses: those are managed separately and a Stripe sync never
 * touches them.
 */
export interface StripeSyncedState {
  terms: SubscriptionTerms;
  paymentMethod: PaymentCard | null;
}

export interface StripeLocalState extends StripeSyncedState {
  schedule: ScheduleEntry[];
}

export interface StripeReconciliation {
  /** The state the local record must have after the sync. */
  next: StripeSyncedState;
  /** What to do to the local schedule (cancel before create; created entries carry a status). */
  schedule: ScheduleReconciliation;
  /**
   * Field-level changes from the local record to `next` and the schedule: terms, payment
   * method, then schedule entries. Empty when nothing changed.
   */
  changes: FieldChange[];
}

/**
 * Decides what a Stripe sync changes: a pure function of the local record (null when the
 * subscription is being imported), Stripe's snapshot and the current time.
 *
 * The schedule is rebuilt from Stripe's invoices: paid entries already on it stay as they are;
 * pending ones that no longer match the upcoming invoice are cancelled (whatever their date) and
 * the upcoming invoice and newly paid invoices are created. When the upcoming invoice is paid,
 * its pending entry is cancelled and a paid entry keyed by the invoice id is created: the
 * preview had no stable id to match the paid invoice by.
 */
export function reconcileStripeSubscription(
  local: StripeLocalState | null,
  remote: StripeSnapshot,
  now: Date,
): StripeReconciliation {
  const today: IsoDate = now.toISOString().slice(0, 10);
  const next: StripeSyncedState = {
    terms: mapStripeTerms(remote.subscription, now),
    paymentMethod: selectStripeCard(remote.customer, remote.subscription),
  };
  const schedule = reconcileSchedule(
    local?.schedule ?? [],
    planStripeSchedule(remote.subscription, remote.paidInvoices, remote.upcoming),
    today,
    { pastPendingIsHistory: false },
  );
  return {
    next,
    schedule,
    changes: [
      ...diffFields('subscription', local?.terms ?? null, next.terms),
      ...diffPaymentCard(local?.paymentMethod ?? null, next.paymentMethod),
      ...schedule.changes,
    ],
  };
}
