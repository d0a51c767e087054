import type {
  ChargeSegmentRecord,
  RatePlanRecord,
  SegmentShape,
  SubscriptionVersionRecord,
} from '../store/sandbox.records';

/**
 * The fields of Zuora's own segment model, `RatePlanChargeSegment`, as zuora-sdk 3.13.0 for
 * Python (generated from Zuora's OpenAPI document 2025-08-12) lists them. A segment has no
 * number, name, type, model, billingPeriod, originalChargeId or productRatePlanChargeId: those
 * are the charge's. The lean shape renders a segment with these fields only.
 */
export const ZUORA_SEGMENT_MODEL_FIELDS: readonly string[] = [
  'id',
  'amendedByOrderOn',
  'applyDiscountTo',
  'chargeFunction',
  'chargeModelConfiguration',
  'chargedThroughDate',
  'commitmentType',
  'prepaidCommittedAmount',
  'creditOption',
  'currency',
  'deliverySchedule',
  'numberOfDeliveries',
  'description',
  'discountAmount',
  'discountApplyDetails',
  'discountClass',
  'discountLevel',
  'discountPercentage',
  'applyToBillingPeriodPartially',
  'dmrc',
  'done',
  'drawdownRate',
  'drawdownUom',
  'dtcv',
  'effectiveEndDate',
  'effectiveStartDate',
  'endDateCondition',
  'includedUnits',
  'inputArgumentId',
  'isCommitted',
  'isPrepaid',
  'isRollover',
  'mrr',
  'originalOrderDate',
  'overagePrice',
  'prepaidOperationType',
  'prepaidQuantity',
  'prepaidTotalQuantity',
  'prepaidUOM',
  'quantity',
  'price',
  'priceChangeOption',
  'priceIncreasePercentage',
  'pricingSummary',
  'originalListPrice',
  'processedThroughDate',
  'rolloverApply',
  'rolloverPeriodLength',
  'rolloverPeriods',
  'prorationOption',
  'segment',
  'specificEndDate',
  'subscriptionChargeIntervalPricing',
  'tcv',
  'tiers',
  'triggerDate',
  'billingPeriodAlignment',
  'triggerEvent',
  'upToPeriods',
  'upToPeriodsType',
  'validityPeriodType',
  'salesPrice',
  'accountingCode',
  'revenueRecognitionCode',
  'revRecTriggerCondition',
  'estimatedEndDate',
  'estimatedStartDate',
  'taxable',
  'taxCode',
  'taxMode',
  'pricingAttributes',
  'isDimensionalPrice',
  'isPriceNegotiated',
];
const SEGMENT_MODEL_FIELDS = new Set(ZUORA_SEGMENT_MODEL_FIELDS);

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
  /** The sandbox-wide segment shape; a subscription stored with its own `segmentShape` keeps it. Default `rich`. */
  segmentShape?: SegmentShape;
}

function leanSegment(segment: ChargeSegmentRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(segment).filter(([key]) => SEGMENT_MODEL_FIELDS.has(key)),
  );
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
  shape: SegmentShape,
): Record<string, unknown>[] {
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
          return {
            ...last,
            chargeSegments: group.map((segment) =>
              shape === 'lean' ? leanSegment(segment) : { ...segment },
            ),
          };
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
  const {
    createdDate: _created,
    updatedDate: _updated,
    segmentShape,
    ratePlans,
    ...fields
  } = record;
  const shape = segmentShape ?? options.segmentShape ?? 'rich';
  const renderedPlans = ratePlans
    .map((plan) => ({ ...plan, ratePlanCharges: renderCharges(plan, options, shape) }))
    .filter((plan) => !options.excludeRatePlansWithNoCharges || plan.ratePlanCharges.length > 0);
  return {
    ...fields,
    isLatestVersion: options.isLatestVersion,
    ratePlans: renderedPlans,
  };
}
