import { normalizeAmount } from '../money/decimal';
import type {
  FieldChange,
  IsoDate,
  ScheduleEntry,
  ScheduleEntryStatus,
} from '../subscription/subscription.model';
import type {
  PlannedCharge,
  PlannedDiscount,
  ScheduleEntryUpdate,
  ScheduleReconcileOptions,
  ScheduleReconciliation,
} from './schedule.types';

/** What the Zuora sync, the first caller, relies on. */
const DEFAULT_OPTIONS: ScheduleReconcileOptions = { pastPendingIsHistory: true };

/**
 * Rule 2: brings the schedule in line with the plan. Paid entries and (unless the options say
 * otherwise) entries dated before today are history and stay as they are, as do cancelled ones.
 * Any other pending entry is kept when the plan has its sourceKey with the same date, amount,
 * currency and status (its description is refreshed); otherwise it is cancelled, never deleted,
 * and the planned charge is created anew, with its status (a charge planned as paid is created
 * paid). A planned charge whose sourceKey an untouchable entry already holds is not created again.
 */
export function reconcileSchedule(
  existing: ScheduleEntry[],
  planned: PlannedCharge[],
  today: IsoDate,
  options: ScheduleReconcileOptions = DEFAULT_OPTIONS,
): ScheduleReconciliation {
  const live = existing.filter((entry) => entry.status !== 'cancelled');
  const isHistory = (entry: ScheduleEntry): boolean =>
    entry.status === 'paid' || (options.pastPendingIsHistory && entry.date < today);
  const held = new Set(
    live.flatMap((entry) =>
      isHistory(entry) && entry.sourceKey !== null ? [entry.sourceKey] : [],
    ),
  );
  const plannedByKey = new Map(planned.map((charge) => [charge.sourceKey, charge]));

  const cancelled: ScheduleEntry[] = [];
  const update: ScheduleEntryUpdate[] = [];
  for (const entry of live.filter((e) => !isHistory(e))) {
    const charge = entry.sourceKey === null ? undefined : plannedByKey.get(entry.sourceKey);
    // A second pending entry for the same charge period is a duplicate: it goes too.
    if (charge === undefined || held.has(charge.sourceKey) || !sameCharge(entry, charge)) {
      cancelled.push(entry);
      continue;
    }
    held.add(charge.sourceKey);
    if (entry.description !== charge.description) {
      update.push({ id: entry.id, description: charge.description });
    }
  }
  const create = planned.filter((charge) => !held.has(charge.sourceKey));

  return {
    create,
    cancel: cancelled.map((entry) => entry.id),
    update,
    // By date; on one date, cancellations come before creations (as the writer applies them).
    changes: [
      ...cancelled.map((entry) => ({ date: entry.date, order: 0, change: cancellation(entry) })),
      ...create.map((charge) => ({ date: charge.date, order: 1, change: creation(charge) })),
    ]
      .sort(
        (a, b) =>
          compare(a.date, b.date) || a.order - b.order || compare(a.change.field, b.change.field),
      )
      .map(({ change }) => change),
  };
}

interface ScheduleEntryState {
  date: IsoDate;
  amount: string;
  currency: string;
  status: ScheduleEntryStatus;
  /** On a created entry whose amount discounts reduced. */
  discount?: PlannedDiscount;
}

function sameCharge(entry: ScheduleEntry, charge: PlannedCharge): boolean {
  return (
    entry.date === charge.date &&
    entry.currency === charge.currency &&
    entry.status === plannedStatus(charge) &&
    normalizeAmount(entry.amount) === normalizeAmount(charge.amount)
  );
}

function cancellation(entry: ScheduleEntry): FieldChange {
  const before: ScheduleEntryState = {
    date: entry.date,
    amount: normalizeAmount(entry.amount),
    currency: entry.currency,
    status: entry.status,
  };
  return {
    field: `schedule.${entry.sourceKey ?? entry.id}`,
    before,
    after: { ...before, status: 'cancelled' },
  };
}

function creation(charge: PlannedCharge): FieldChange {
  const after: ScheduleEntryState = {
    date: charge.date,
    amount: charge.amount,
    currency: charge.currency,
    status: plannedStatus(charge),
    ...(charge.discount === undefined ? {} : { discount: charge.discount }),
  };
  return { field: `schedule.${charge.sourceKey}`, before: null, after };
}

function plannedStatus(charge: PlannedCharge): ScheduleEntryStatus {
  return charge.status ?? 'pending';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
