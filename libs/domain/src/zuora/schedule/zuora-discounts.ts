import { amountToCents, centsToAmount, percentOfCents } from '../../money/decimal';
import type { IsoDate } from '../../subscription/subscription.model';
import type { PlannedCharge } from '../../schedule/schedule.types';
import { segmentCovering } from '../zuora-charge-segments';
import type { ZuoraCharge, ZuoraRatePlan } from '../zuora.types';

// How Zuora discount charges reduce what the other charges will bill. Facts from Zuora's
// published material (API reference 2023-12-15, GET /v1/subscriptions/{key} example; zuora-sdk
// 3.13.0 for Python, generated from OpenAPI 2025-08-12: models RatePlanChargeSegment,
// DiscountLevel, ApplyDiscountTo, DiscountApplyDetail):
// - a discount is a charge whose model is `DiscountFixedAmount` or `DiscountPercentage`, with
//   `price: null` and `discountAmount` or `discountPercentage` (per segment, like a price);
// - `discountLevel` is `rateplan`, `subscription` or `account`: the charges of its own rate plan,
//   of its subscription, or of every subscription of the account;
// - `applyDiscountTo` names the charge types it reduces (`ONETIME`, `RECURRING`, `USAGE`, or a
//   combination such as `ONETIMERECURRINGUSAGE`);
// - `discountApplyDetails` lists the catalog charges (product rate plan charge ids) it applies to.
// Choices of ours, where the reference leaves the outcome to tenant settings we cannot read:
// - an `account` discount reaches this subscription's charges like a `subscription` one (the
//   other subscriptions are planned by their own syncs);
// - percentages are each taken from the list amount, then fixed amounts from what is left
//   (Zuora orders discounts by discount class, whose rank is tenant configuration);
// - a fixed amount is taken once per billing date, spread over the charges it reduces in
//   sourceKey order, and never below zero;
// - without `applyDiscountTo`, a discount reduces recurring and one-time charges.

/** A charge of a rate plan still in force. */
export interface ZuoraPlanCharge {
  plan: ZuoraRatePlan;
  charge: ZuoraCharge;
}

/** A planned charge and the Zuora charge it comes from. */
export interface ZuoraBilledCharge extends ZuoraPlanCharge {
  planned: PlannedCharge;
}

const DISCOUNT_MODELS: ReadonlySet<string> = new Set(['DiscountFixedAmount', 'DiscountPercentage']);

export function isZuoraDiscount(charge: ZuoraCharge): boolean {
  return DISCOUNT_MODELS.has(charge.model);
}

/**
 * The planned charges with what the discounts take off each billing date: the amount left to
 * pay, and on a reduced charge the `discount` (list amount, amount off, discount names).
 */
export function applyZuoraDiscounts(
  billed: ZuoraBilledCharge[],
  discounts: ZuoraPlanCharge[],
): PlannedCharge[] {
  if (discounts.length === 0) return billed.map(({ planned }) => planned);
  const ordered = [...discounts].sort(
    (a, b) => rank(a.charge) - rank(b.charge) || compare(a.charge.number, b.charge.number),
  );
  const byDate = new Map<IsoDate, ZuoraBilledCharge[]>();
  for (const item of billed) {
    byDate.set(item.planned.date, [...(byDate.get(item.planned.date) ?? []), item]);
  }
  const reduced = new Map<ZuoraBilledCharge, Reduction>();
  for (const [date, group] of byDate) {
    const sorted = [...group].sort((a, b) => compare(a.planned.sourceKey, b.planned.sourceKey));
    for (const discount of ordered) takeOff(discount, date, sorted, reduced);
  }
  return billed.map((item) => withDiscount(item.planned, reduced.get(item)));
}

interface Reduction {
  list: bigint;
  left: bigint;
  from: string[];
}

/** Applies one discount on one billing date to the charges it reaches. */
function takeOff(
  discount: ZuoraPlanCharge,
  date: IsoDate,
  group: ZuoraBilledCharge[],
  reduced: Map<ZuoraBilledCharge, Reduction>,
): void {
  const segment = segmentCovering(discount.charge, date);
  if (segment === null) return;
  const targets = group.filter(
    (item) => item.planned.currency === segment.currency && reaches(discount, item),
  );
  const percentage = segment.discountPercentage ?? null;
  let fixed =
    percentage === null && segment.discountAmount != null
      ? amountToCents(String(segment.discountAmount))
      : 0n;
  for (const item of targets) {
    const state = reduced.get(item) ?? fresh(item.planned.amount);
    const wanted = percentage !== null ? percentOfCents(state.list, percentage) : fixed;
    const cut = min(wanted, state.left);
    if (cut <= 0n) continue;
    if (percentage === null) fixed -= cut;
    reduced.set(item, {
      ...state,
      left: state.left - cut,
      from: [...state.from, discount.charge.name],
    });
  }
}

/** Whether a discount reduces a charge: level, charge type and the catalog charges it names. */
function reaches(discount: ZuoraPlanCharge, { plan, charge }: ZuoraPlanCharge): boolean {
  const level = (discount.charge.discountLevel ?? 'subscription').toLowerCase();
  if (level === 'rateplan' && plan.id !== discount.plan.id) return false;
  const applyTo = (discount.charge.applyDiscountTo ?? 'ONETIMERECURRING').toUpperCase();
  const type = charge.type === 'OneTime' ? 'ONETIME' : charge.type.toUpperCase();
  if (!applyTo.includes(type)) return false;
  const details = discount.charge.discountApplyDetails ?? [];
  if (details.length === 0) return true;
  return details.some((detail) =>
    detail.appliedProductRatePlanChargeId
      ? detail.appliedProductRatePlanChargeId === charge.productRatePlanChargeId
      : detail.appliedProductRatePlanId === plan.productRatePlanId,
  );
}

function withDiscount(planned: PlannedCharge, reduction: Reduction | undefined): PlannedCharge {
  if (reduction === undefined || reduction.left === reduction.list) return planned;
  return {
    ...planned,
    amount: centsToAmount(reduction.left),
    discount: {
      listAmount: centsToAmount(reduction.list),
      amount: centsToAmount(reduction.list - reduction.left),
      from: reduction.from,
    },
  };
}

function fresh(amount: string): Reduction {
  const cents = amountToCents(amount);
  return { list: cents, left: cents, from: [] };
}

/** Percentages first, then fixed amounts. */
function rank(charge: ZuoraCharge): number {
  return charge.model === 'DiscountPercentage' ? 0 : 1;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
