import type { FieldChange, IsoDate, ScheduleEntryStatus } from '../subscription/subscription.model';

/** The status a charge is created with: a plan never creates a cancelled entry. */
export type PlannedChargeStatus = Exclude<ScheduleEntryStatus, 'cancelled'>;

/** A charge the upstream will bill, or has billed, as the schedule should show it. */
export interface PlannedCharge {
  /**
   * Identifies the charge across syncs: `<charge number>@<date>` for Zuora, the invoice id (or
   * an `upcoming:` key) for Stripe.
   */
  sourceKey: string;
  date: IsoDate;
  /**
   * Decimal string in major units, at least two places, e.g. "12.99"; three for a currency whose
   * minor unit is a thousandth (e.g. KWD "12.345").
   */
  amount: string;
  currency: string;
  description: string;
  /**
   * Absent means `pending`: a charge still to be paid. `paid` records a payment the upstream has
   * already taken (Stripe's paid invoices), so the entry is created as history.
   */
  status?: PlannedChargeStatus;
  /** Set when discounts reduce the charge: `amount` is then what is left to pay. */
  discount?: PlannedDiscount;
}

/** What discounts took off a planned charge, as its Event shows it. */
export interface PlannedDiscount {
  /** The amount before discounts, e.g. "20.00". */
  listAmount: string;
  /** The amount taken off, e.g. "2.00". */
  amount: string;
  /** The discount charges that took it off, by name. */
  from: string[];
}

export interface ScheduleEntryUpdate {
  id: string;
  description: string;
}

/** What a sync does to the schedule; applying `cancel` before `create` keeps one pending entry per sourceKey. */
export interface ScheduleReconciliation {
  /** Entries to create, each with its planned status (pending when absent). */
  create: PlannedCharge[];
  /** Ids of entries to mark cancelled; entries are never deleted. */
  cancel: string[];
  update: ScheduleEntryUpdate[];
  /** One change per created or cancelled entry, named `schedule.<sourceKey>`. */
  changes: FieldChange[];
}

export interface ScheduleReconcileOptions {
  /**
   * Whether a pending entry dated before today is history, kept as it is. Zuora: yes, because its
   * plan still holds unbilled periods dated before today (they are owed) and an entry it no longer
   * plans is kept. Stripe: no, because the paid invoices and the upcoming one are the whole truth,
   * so a pending entry the plan lacks is stale whatever its date (its invoice was paid, or the
   * subscription ended).
   */
  pastPendingIsHistory: boolean;
}
