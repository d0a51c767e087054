import { earliest, latest } from '../calendar/iso-date';
import { decimalFromNumber, priceFromNumber } from '../money/decimal';
import type {
  FieldChange,
  IsoDate,
  OfferCharge,
  SubscriptionOffer,
} from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import { firstStart, segmentAsOf } from './zuora-charge-segments';
import type { ZuoraCharge, ZuoraRatePlan, ZuoraSubscription } from './zuora.types';

/** The platform offer a Zuora product rate plan stands for. */
export interface CatalogOffer {
  offerId: string;
  offerName: string;
}

/** The catalog mapping: productRatePlanId → platform offer. */
export type ZuoraCatalogMappings = ReadonlyMap<string, CatalogOffer>;

/**
 * Products, quantities and prices (catalog sync): one offer per rate plan in force (removed rate
 * plans are left out; ended ones stay, with their end date). A rate plan the catalog maps takes
 * the platform offer's name and id; an unmapped one is named after its product and rate plan.
 * Quantities and prices are those of each charge's segment in force today, as decimal strings.
 */
export function mapZuoraOffers(
  subscription: ZuoraSubscription,
  mappings: ZuoraCatalogMappings,
  today: IsoDate,
): SubscriptionOffer[] {
  return subscription.ratePlans
    .filter((plan) => plan.lastChangeType !== 'Remove')
    .map((plan) => toOffer(plan, mappings.get(plan.productRatePlanId), today));
}

/**
 * Changes between two offer lists, matched by sourceKey: `offers.<sourceKey>.<field>` for a
 * changed field (`.charges` as a whole), and `offers.<sourceKey>` from or to null for an offer
 * added or removed.
 */
export function diffOffers(before: SubscriptionOffer[], after: SubscriptionOffer[]): FieldChange[] {
  const previous = new Map(before.map((offer) => [offer.sourceKey, offer]));
  const next = new Map(after.map((offer) => [offer.sourceKey, offer]));
  const keys = [...new Set([...next.keys(), ...previous.keys()])];
  return keys.flatMap((key): FieldChange[] => {
    const was = previous.get(key);
    const is = next.get(key);
    if (was === undefined || is === undefined) {
      return [{ field: `offers.${key}`, before: was ?? null, after: is ?? null }];
    }
    const changes = diffFields(`offers.${key}`, offerFields(was), offerFields(is));
    if (!sameCharges(was.charges, is.charges)) {
      changes.push({ field: `offers.${key}.charges`, before: was.charges, after: is.charges });
    }
    return changes;
  });
}

/**
 * A rate plan's id changes with every subscription version, and one product rate plan can be
 * subscribed to twice; its charge numbers (C-…) stay the same across versions and are unique.
 * So a rate plan is known by its product rate plan and its lowest charge number.
 */
export function offerSourceKey(plan: ZuoraRatePlan): string {
  const first = plan.ratePlanCharges.map((charge) => charge.number).sort()[0];
  return first === undefined ? plan.productRatePlanId : `${plan.productRatePlanId}/${first}`;
}

function toOffer(
  plan: ZuoraRatePlan,
  mapping: CatalogOffer | undefined,
  today: IsoDate,
): SubscriptionOffer {
  const charges = plan.ratePlanCharges;
  const openEnded = charges.some((charge) => charge.effectiveEndDate === null);
  return {
    sourceKey: offerSourceKey(plan),
    name: mapping?.offerName ?? `${plan.productName} – ${plan.ratePlanName}`,
    offerId: mapping?.offerId ?? null,
    mapped: mapping !== undefined,
    productName: plan.productName,
    ratePlanName: plan.ratePlanName,
    productRatePlanId: plan.productRatePlanId,
    start: earliest(...charges.map(firstStart)),
    end: openEnded ? null : latest(...charges.map((charge) => charge.effectiveEndDate)),
    charges: charges.map((charge) => toOfferCharge(charge, today)),
  };
}

function toOfferCharge(charge: ZuoraCharge, today: IsoDate): OfferCharge {
  const segment = segmentAsOf(charge, today);
  return {
    name: charge.name,
    type: charge.type,
    quantity: segment.quantity === null ? null : decimalFromNumber(segment.quantity),
    price: segment.price === null ? null : priceFromNumber(segment.price),
    currency: segment.currency,
    billingPeriod: segment.billingPeriod,
  };
}

function offerFields({ sourceKey: _key, charges: _charges, ...fields }: SubscriptionOffer) {
  return fields;
}

const CHARGE_FIELDS: readonly (keyof OfferCharge)[] = [
  'name',
  'type',
  'quantity',
  'price',
  'currency',
  'billingPeriod',
];

function sameCharges(a: OfferCharge[], b: OfferCharge[]): boolean {
  return (
    a.length === b.length &&
    a.every((charge, n) => {
      const other = b[n];
      return (
        other !== undefined &&
        CHARGE_FIELDS.every((f) => (charge[f] ?? null) === (other[f] ?? null))
      );
    })
  );
}
