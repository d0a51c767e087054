import { addDays, addMonths } from '../../calendar/iso-date';
import type { IsoDate } from '../../subscription/subscription.model';
import type { ZuoraCharge } from '../zuora.types';

/**
 * When a recurring charge bills: periodically, the `n`th billing date counted from the anchor
 * (the 0th is the anchor itself), or once per term (`Subscription_Term`), and a schedule never
 * looks past the current term.
 */
export type BillingCadence =
  { kind: 'periodic'; nth: (anchor: IsoDate, n: number) => IsoDate } | { kind: 'once-per-term' };

const MONTHS: Readonly<Record<string, number>> = {
  Month: 1,
  Quarter: 3,
  Semi_Annual: 6,
  Annual: 12,
  Eighteen_Months: 18,
  Two_Years: 24,
  Three_Years: 36,
  Five_Years: 60,
};

/**
 * How often a recurring charge bills, or null when its billing period is missing or unknown (or
 * a `Specific_*` period lacks its `specificBillingPeriod`).
 * Months are counted from the anchor each time (anchor + n × period), not added one after the
 * other, so a clamped month end (Jan 31 → Feb 28) does not drag later dates (→ Mar 31).
 */
export function billingCadence(charge: ZuoraCharge): BillingCadence | null {
  const period = charge.billingPeriod;
  if (period === null) return null;
  const months = MONTHS[period];
  if (months !== undefined) return monthly(months);
  const specific = charge.specificBillingPeriod ?? null;
  switch (period) {
    case 'Week':
      return weekly(1);
    case 'Specific_Months':
      return isPositiveInteger(specific) ? monthly(specific) : null;
    case 'Specific_Weeks':
      return isPositiveInteger(specific) ? weekly(specific) : null;
    case 'Subscription_Term':
      return { kind: 'once-per-term' };
    default:
      return null;
  }
}

function monthly(months: number): BillingCadence {
  return { kind: 'periodic', nth: (anchor, n) => addMonths(anchor, n * months) };
}

function weekly(weeks: number): BillingCadence {
  return { kind: 'periodic', nth: (anchor, n) => addDays(anchor, n * 7 * weeks) };
}

function isPositiveInteger(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value > 0;
}
