import type { FieldChange, IsoDate } from '../../subscription/subscription.model';

/** A charge the upstream will bill, as the schedule should show it. */
export interface PlannedCharge {
  /** Identifies the charge period across subscription versions: `<charge number>@<date>`. */
  sourceKey: string;
  date: IsoDate;
  /** Decimal string in major units, two places, e.g. "12.99". */
  amount: string;
  currency: string;
  description: string;
}

export interface ScheduleEntryUpdate {
  id: string;
  description: string;
}

/** What a sync does to the schedule; applying `cancel` before `create` keeps one pending entry per sourceKey. */
export interface ScheduleReconciliation {
  create: PlannedCharge[];
  /** Ids of entries to mark cancelled; entries are never deleted. */
  cancel: string[];
  update: ScheduleEntryUpdate[];
  /** One change per created or cancelled entry, named `schedule.<sourceKey>`. */
  changes: FieldChange[];
}
