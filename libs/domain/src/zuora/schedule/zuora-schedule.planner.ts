import { addMonths, earliest } from '../../calendar/iso-date';
import { multiplyToAmount } from '../../money/decimal';
import type { IsoDate } from '../../subscription/subscription.model';
import { billedThrough, firstStart, segmentCovering } from '../zuora-charge-segments';
import type {
  ZuoraCharge,
  ZuoraRatePlan,
  ZuoraSubscription,
  ZuoraSubscriptionStatus,
} from '../zuora.types';
import type { PlannedCharge } from './schedule.types';
import { billingCadence } from './zuora-billing-period';
import {
  applyZuoraDiscounts,
  isZuoraDiscount,
  type ZuoraBilledCharge,
  type ZuoraPlanCharge,
} from './zuora-discounts';

/**
 * An evergreen subscription has no term end to plan up to, so its schedule looks this many
 * months ahead of today; each sync moves the horizon on.
 */
export const EVERGREEN_HORIZON_MONTHS = 12;

/**
 * Only these subscriptions still bill. A cancelled one bills until its cancellation date, which
 * Zuora writes into termEndDate (a future-dated cancellation, e.g. at the end of the term, keeps
 * billing until then). A suspended one bills nothing until it is resumed, and Zuora then moves
 * its charge dates, so it plans nothing. Draft, pending and expired ones plan nothing either.
 */
const BILLING_STATUSES: ReadonlySet<ZuoraSubscriptionStatus> = new Set(['Active', 'Cancelled']);

/**
 * Rule 2: the charges Zuora will bill from each charge's next unbilled period until the term
 * end (exclusive), sorted by date then sourceKey, less the discounts in force on each date (see
 * zuora-discounts.ts). Removed rate plans, usage charges, charges without a price, discount
 * charges themselves and ended charges plan nothing. Unbilled periods dated before today are
 * still owed, so they are planned too.
 */
export function planZuoraSchedule(
  subscription: ZuoraSubscription,
  today: IsoDate,
): PlannedCharge[] {
  if (!BILLING_STATUSES.has(subscription.status)) return [];
  // Zuora leaves termEndDate null only for an evergreen subscription (until it is cancelled).
  const until = subscription.termEndDate ?? addMonths(today, EVERGREEN_HORIZON_MONTHS);
  const charges: ZuoraPlanCharge[] = subscription.ratePlans
    .filter((plan) => plan.lastChangeType !== 'Remove')
    .flatMap((plan) => plan.ratePlanCharges.map((charge) => ({ plan, charge })));
  const billed = charges
    .filter(({ charge }) => !isZuoraDiscount(charge))
    .flatMap(({ plan, charge }): ZuoraBilledCharge[] =>
      billingDates(charge, until).flatMap((date) =>
        plannedCharge(plan, charge, date).map((planned) => ({ plan, charge, planned })),
      ),
    );
  const discounts = charges.filter(({ charge }) => isZuoraDiscount(charge));
  return applyZuoraDiscounts(billed, discounts).sort(
    (a, b) => compare(a.date, b.date) || compare(a.sourceKey, b.sourceKey),
  );
}

/** The dates a charge will still bill on, before `until` and before the charge ends. */
function billingDates(charge: ZuoraCharge, until: IsoDate): IsoDate[] {
  const end = earliest(until, charge.effectiveEndDate) ?? until;
  const through = billedThrough(charge);
  switch (charge.type) {
    case 'Usage':
      return [];
    case 'OneTime': {
      const date = firstStart(charge);
      return through === null && date < end ? [date] : [];
    }
    case 'Recurring': {
      const cadence = billingCadence(charge);
      const anchor = through ?? firstStart(charge);
      if (cadence === null || anchor >= end) return [];
      if (cadence.kind === 'once-per-term') return [anchor];
      const dates: IsoDate[] = [];
      for (let n = 0; ; n++) {
        const date = cadence.nth(anchor, n);
        if (date >= end) return dates;
        dates.push(date);
      }
    }
  }
}

/** The charge billed on `date`, priced by the segment in force that day; none without a price. */
function plannedCharge(plan: ZuoraRatePlan, charge: ZuoraCharge, date: IsoDate): PlannedCharge[] {
  const segment = segmentCovering(charge, date);
  if (segment === null || segment.price === null) return [];
  return [
    {
      sourceKey: `${charge.number}@${date}`,
      date,
      amount: multiplyToAmount(segment.price, segment.quantity ?? 1),
      currency: segment.currency,
      description: `${plan.productName} – ${charge.name}`,
    },
  ];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
