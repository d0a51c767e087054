import { addDays, addMonths, type IsoDate } from '../util/dates';
import { withExtras, type BuildContext } from './build-context';
import type { ParsedCharge, ParsedRatePlan, ParsedSubscription } from './sandbox.inputs';
import type {
  ChargeSegmentRecord,
  RatePlanRecord,
  SubscriptionVersionRecord,
} from './sandbox.records';

// Turns a subscription input into a complete version record, filling what Zuora would fill.

interface SubscriptionFrame {
  subscriptionNumber: string;
  /** Segments of one charge share an `originalChargeId`. */
  originalChargeIds: Map<string, string>;
  version: number;
  currency: string;
  termStartDate: IsoDate | null;
  termEndDate: IsoDate | null;
}

function buildCharge(
  input: ParsedCharge,
  frame: SubscriptionFrame,
  productRatePlanId: string,
  label: string,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): ChargeSegmentRecord {
  const type = input.type ?? 'Recurring';
  const recurring = type === 'Recurring';
  const currency = input.currency ?? frame.currency;
  const start = input.effectiveStartDate ?? frame.termStartDate ?? ctx.today;
  const number = input.number ?? nextChargeNumber();
  const model = input.model ?? 'FlatFee';
  const discount = DISCOUNT_MODELS.has(model);
  // As in Zuora's published example, a discount charge has no price and no quantity.
  const price = input.price === undefined ? (discount ? null : 0) : input.price;
  const originalChargeId =
    input.originalChargeId ??
    frame.originalChargeIds.get(number) ??
    ctx.id(`${frame.subscriptionNumber}/charge/${number}`);
  frame.originalChargeIds.set(number, originalChargeId);
  // A stored GET response may carry rendered-only fields; they are recomputed on every read.
  const { chargeSegments: _segments, ...fields } = input;
  return withExtras(
    {
      id: input.id ?? ctx.id(`${label}/v${frame.version}`),
      originalChargeId,
      productRatePlanChargeId:
        input.productRatePlanChargeId ?? ctx.id(`prpc/${productRatePlanId}/${input.name}`),
      number,
      name: input.name,
      description: input.description ?? null,
      type,
      model,
      price,
      quantity: input.quantity === undefined ? (discount ? null : 1) : input.quantity,
      currency,
      billingPeriod:
        input.billingPeriod === undefined ? (recurring ? 'Month' : null) : input.billingPeriod,
      specificBillingPeriod: input.specificBillingPeriod ?? null,
      billingPeriodAlignment: input.billingPeriodAlignment ?? (recurring ? 'AlignToCharge' : null),
      listPriceBase: input.listPriceBase ?? (recurring && !discount ? 'Per_Billing_Period' : null),
      priceChangeOption: input.priceChangeOption ?? null,
      priceIncreasePercentage: input.priceIncreasePercentage ?? null,
      tiers: input.tiers ?? null,
      includedUnits: input.includedUnits ?? null,
      overagePrice: input.overagePrice ?? null,
      triggerDate: input.triggerDate ?? null,
      upToPeriodsType: input.upToPeriodsType ?? null,
      upToPeriods: input.upToPeriods ?? null,
      specificEndDate: input.specificEndDate ?? null,
      billingTiming: input.billingTiming ?? (recurring ? 'IN_ADVANCE' : null),
      billingDay: input.billingDay ?? 'DefaultFromCustomer',
      effectiveStartDate: start,
      effectiveEndDate:
        input.effectiveEndDate === undefined
          ? recurring
            ? frame.termEndDate
            : addDays(start, 1)
          : input.effectiveEndDate,
      chargedThroughDate: input.chargedThroughDate ?? null,
      processedThroughDate: input.processedThroughDate ?? null,
      triggerEvent: input.triggerEvent ?? 'ContractEffective',
      endDateCondition: input.endDateCondition ?? (recurring ? 'Subscription_End' : 'One_Time'),
      segment: input.segment ?? 1,
      version: input.version ?? frame.version,
      done: input.done ?? false,
      uom: input.uom ?? null,
      pricingSummary: pricingSummary(input, currency, price),
      discountAmount: input.discountAmount ?? null,
      discountPercentage: input.discountPercentage ?? null,
      applyDiscountTo: input.applyDiscountTo ?? (discount ? 'RECURRING' : null),
      discountLevel: input.discountLevel ?? (discount ? 'subscription' : null),
      discountClass: input.discountClass ?? null,
      discountApplyDetails: input.discountApplyDetails ?? (discount ? [] : null),
    },
    fields,
  );
}

const DISCOUNT_MODELS: ReadonlySet<string> = new Set(['DiscountFixedAmount', 'DiscountPercentage']);

/** Zuora's summary text: "GBP12.99", "10% discount", "USD10 fixed amount discount". */
function pricingSummary(input: ParsedCharge, currency: string, price: number | null): string {
  if (input.discountPercentage != null) return `${input.discountPercentage}% discount`;
  if (input.discountAmount != null)
    return `${currency}${input.discountAmount} fixed amount discount`;
  return price === null ? '' : `${currency}${price.toFixed(2)}`;
}

function buildRatePlan(
  input: ParsedRatePlan,
  frame: SubscriptionFrame,
  index: number,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): RatePlanRecord {
  const label = `${frame.subscriptionNumber}/rp${index}`;
  const productId = input.productId ?? ctx.id(`product/${input.productName}`);
  const productRatePlanId =
    input.productRatePlanId ?? ctx.id(`prp/${input.productName}/${input.ratePlanName}`);
  return withExtras(
    {
      id: input.id ?? ctx.id(`${label}/v${frame.version}`),
      productId,
      productName: input.productName,
      productSku: input.productSku ?? `SKU-${productId.slice(-8).toUpperCase()}`,
      productRatePlanId,
      ratePlanName: input.ratePlanName,
      lastChangeType: input.lastChangeType ?? null,
      ratePlanCharges: input.ratePlanCharges.map((charge, c) =>
        buildCharge(charge, frame, productRatePlanId, `${label}/c${c}`, nextChargeNumber, ctx),
      ),
    },
    input,
  );
}

export interface SubscriptionOwner {
  accountId: string;
  accountNumber: string;
  accountName: string;
  currency: string;
}

export function buildSubscriptionVersion(
  subscriptionNumber: string,
  version: number,
  input: ParsedSubscription,
  owner: SubscriptionOwner,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): SubscriptionVersionRecord {
  const termType = input.termType ?? 'TERMED';
  const termed = termType === 'TERMED';
  const termStartDate = input.termStartDate === undefined ? ctx.today : input.termStartDate;
  const currentTerm = input.currentTerm === undefined ? (termed ? 12 : null) : input.currentTerm;
  const termEndDate =
    input.termEndDate === undefined
      ? termed && termStartDate
        ? addMonths(termStartDate, currentTerm ?? 12)
        : null
      : input.termEndDate;
  const subscriptionStartDate =
    input.subscriptionStartDate === undefined ? termStartDate : input.subscriptionStartDate;
  const contractEffectiveDate =
    input.contractEffectiveDate === undefined ? subscriptionStartDate : input.contractEffectiveDate;
  const currency = input.currency ?? owner.currency;
  const frame: SubscriptionFrame = {
    subscriptionNumber,
    originalChargeIds: new Map(),
    version,
    currency,
    termStartDate,
    termEndDate,
  };
  const periodType = termed ? 'Month' : null;
  const { success: _success, isLatestVersion: _latest, ...fields } = input;
  return withExtras(
    {
      id: input.id ?? ctx.id(`${subscriptionNumber}/v${version}`),
      subscriptionNumber,
      accountId: owner.accountId,
      accountNumber: owner.accountNumber,
      accountName: owner.accountName,
      invoiceOwnerAccountId: owner.accountId,
      invoiceOwnerAccountNumber: owner.accountNumber,
      invoiceOwnerAccountName: owner.accountName,
      version,
      revision: `${version}.0`,
      status: input.status ?? 'Active',
      termType,
      contractEffectiveDate,
      serviceActivationDate:
        input.serviceActivationDate === undefined
          ? contractEffectiveDate
          : input.serviceActivationDate,
      customerAcceptanceDate:
        input.customerAcceptanceDate === undefined
          ? contractEffectiveDate
          : input.customerAcceptanceDate,
      subscriptionStartDate,
      subscriptionEndDate:
        input.subscriptionEndDate === undefined ? termEndDate : input.subscriptionEndDate,
      termStartDate,
      termEndDate,
      initialTerm: input.initialTerm === undefined ? currentTerm : input.initialTerm,
      initialTermPeriodType:
        input.initialTermPeriodType === undefined ? periodType : input.initialTermPeriodType,
      currentTerm,
      currentTermPeriodType:
        input.currentTermPeriodType === undefined ? periodType : input.currentTermPeriodType,
      renewalTerm: input.renewalTerm === undefined ? currentTerm : input.renewalTerm,
      renewalTermPeriodType:
        input.renewalTermPeriodType === undefined ? periodType : input.renewalTermPeriodType,
      autoRenew: input.autoRenew ?? termed,
      renewalSetting: input.renewalSetting ?? 'RENEW_WITH_SPECIFIC_TERM',
      cancelReason: input.cancelReason ?? null,
      currency,
      notes: input.notes ?? null,
      paymentTerm: input.paymentTerm ?? null,
      invoiceSeparately: input.invoiceSeparately ?? false,
      orderNumber: input.orderNumber ?? null,
      externallyManagedBy: input.externallyManagedBy ?? null,
      ratePlans: (input.ratePlans ?? []).map((plan, index) =>
        buildRatePlan(plan, frame, index, nextChargeNumber, ctx),
      ),
      createdDate: input.createdDate ?? ctx.now,
      updatedDate: input.updatedDate ?? ctx.now,
    },
    fields,
  );
}

/** Zuora shows card numbers masked to the last four digits. */
