import type {
  ChargeSegmentRecord,
  RatePlanRecord,
  SubscriptionVersionRecord,
} from '../store/sandbox.records';

/** The `charge-detail` query parameter of the GET subscription endpoints. */
export type ChargeDetail =
  | { mode: 'last-segment' }
  | { mode: 'current-segment' }
  | { mode: 'all-segments' }
  | { mode: 'specific-segment'; asOfDate: string };

export interface SubscriptionViewOptions {
  chargeDetail: ChargeDetail;
  today: string;
  excludeRatePlansWithNoCharges: boolean;
  isLatestVersion: boolean;
}

function isActiveOn(segment: ChargeSegmentRecord, date: string): boolean {
  return (
    segment.effectiveStartDate <= date &&
    (segment.effectiveEndDate === null || date < segment.effectiveEndDate)
  );
}

/** Segments grouped per charge (same `number`), each group ordered by segment number. */
function groupSegments(charges: ChargeSegmentRecord[]): ChargeSegmentRecord[][] {
  const groups = new Map<string, ChargeSegmentRecord[]>();
  for (const charge of charges) {
    const group = groups.get(charge.number) ?? [];
    group.push(charge);
    groups.set(charge.number, group);
  }
  return [...groups.values()].map((group) => [...group].sort((a, b) => a.segment - b.segment));
}

function segmentOn(group: ChargeSegmentRecord[], date: string): ChargeSegmentRecord {
  const active = group.find((segment) => isActiveOn(segment, date));
  if (active) return active;
  // Nothing active that day: the latest segment already started, else the first one.
  const started = group.filter((segment) => segment.effectiveStartDate <= date);
  return started.at(-1) ?? (group[0] as ChargeSegmentRecord);
}

function renderCharges(
  plan: RatePlanRecord,
  options: SubscriptionViewOptions,
): ChargeSegmentRecord[] {
  const { chargeDetail, today } = options;
  const asOf = chargeDetail.mode === 'specific-segment' ? chargeDetail.asOfDate : today;
  return groupSegments(plan.ratePlanCharges)
    .filter(
      (group) => !options.excludeRatePlansWithNoCharges || group.some((s) => isActiveOn(s, asOf)),
    )
    .map((group) => {
      const last = group.at(-1) as ChargeSegmentRecord;
      switch (chargeDetail.mode) {
        case 'last-segment':
          return { ...last };
        case 'all-segments':
          return { ...last, chargeSegments: group.map((segment) => ({ ...segment })) };
        case 'current-segment':
        case 'specific-segment':
          return { ...segmentOn(group, asOf) };
      }
    });
}

/** One subscription as v1 returns it (single GETs add `success: true`; list items do not have it). */
export function renderSubscription(
  record: SubscriptionVersionRecord,
  options: SubscriptionViewOptions,
): Record<string, unknown> {
  const { createdDate: _created, updatedDate: _updated, ratePlans, ...fields } = record;
  const renderedPlans = ratePlans
    .map((plan) => ({ ...plan, ratePlanCharges: renderCharges(plan, options) }))
    .filter((plan) => !options.excludeRatePlansWithNoCharges || plan.ratePlanCharges.length > 0);
  return {
    ...fields,
    isLatestVersion: options.isLatestVersion,
    ratePlans: renderedPlans,
  };
}
