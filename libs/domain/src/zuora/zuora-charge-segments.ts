import { earliest, latest } from '../calendar/iso-date';
import type { IsoDate } from '../subscription/subscription.model';
import type { ZuoraCharge, ZuoraChargeSegment } from './zuora.types';

// A charge read with `charge-detail=all-segments` carries its last segment's fields plus every
// segment; one read without it is its own single segment.

export function segmentsOf(charge: ZuoraCharge): ZuoraChargeSegment[] {
  return charge.chargeSegments !== undefined && charge.chargeSegments.length > 0
    ? charge.chargeSegments
    : [charge];
}

/** The segment in force on `date`: effectiveStartDate ≤ date < effectiveEndDate (open if null). */
export function segmentCovering(charge: ZuoraCharge, date: IsoDate): ZuoraChargeSegment | null {
  return segmentsOf(charge).find((segment) => covers(segment, date)) ?? null;
}

/**
 * The segment that best describes the charge on `date`: the one in force, else the latest one
 * already started (the charge has ended), else the first (the charge has not started yet).
 */
export function segmentAsOf(charge: ZuoraCharge, date: IsoDate): ZuoraChargeSegment {
  const segments = segmentsOf(charge);
  const started = segments.filter((segment) => segment.effectiveStartDate <= date);
  return (
    started.find((segment) => covers(segment, date)) ?? started.at(-1) ?? segments[0] ?? charge
  );
}

/**
 * Where the charge is billed through: the latest chargedThroughDate of any segment, since the
 * last segment of a future price change is not billed yet while an earlier one is. Null when
 * nothing was billed.
 */
export function billedThrough(charge: ZuoraCharge): IsoDate | null {
  return latest(charge.chargedThroughDate, ...segmentsOf(charge).map((s) => s.chargedThroughDate));
}

/** When the charge first took effect: its first segment's start. */
export function firstStart(charge: ZuoraCharge): IsoDate {
  return (
    earliest(charge.effectiveStartDate, ...segmentsOf(charge).map((s) => s.effectiveStartDate)) ??
    charge.effectiveStartDate
  );
}

function covers(segment: ZuoraChargeSegment, date: IsoDate): boolean {
  return (
    segment.effectiveStartDate <= date &&
    (segment.effectiveEndDate === null || date < segment.effectiveEndDate)
  );
}
