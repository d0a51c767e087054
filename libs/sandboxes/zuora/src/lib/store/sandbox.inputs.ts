import { z } from 'zod';
import { isIsoDate } from '../util/dates';

// What the admin API (and the demo seed) accepts. Everything has a default except names; values
// of enum-like fields (status, termType, type …) are kept as given, so a test can make the sandbox
// answer with data a client does not expect.

const text = z.string().nullable().optional();
const date = z.string().refine(isIsoDate, { message: 'expected a yyyy-mm-dd date' });
const optionalDate = date.nullable().optional();
const customFields = z.record(z.string(), z.unknown());

export const contactInputSchema = z.looseObject({
  id: z.string().optional(),
  firstName: text,
  lastName: text,
  nickname: text,
  workEmail: text,
  personalEmail: text,
  address1: text,
  address2: text,
  city: text,
  state: text,
  zipCode: text,
  county: text,
  country: text,
  workPhone: text,
  mobilePhone: text,
  homePhone: text,
});

export const accountInputSchema = z.object({
  basicInfo: z
    .looseObject({
      id: z.string().optional(),
      accountNumber: z.string().optional(),
      name: z.string().optional(),
      status: z.string().optional(),
      crmId: text,
      batch: z.string().optional(),
      notes: text,
      salesRep: text,
      parentId: text,
    })
    .optional(),
  billingAndPayment: z
    .looseObject({
      billCycleDay: z.number().int().min(0).max(31).optional(),
      currency: z.string().length(3).optional(),
      paymentTerm: z.string().optional(),
      paymentGateway: text,
      autoPay: z.boolean().optional(),
      defaultPaymentMethodId: text,
      invoiceDeliveryPrefsEmail: z.boolean().optional(),
      invoiceDeliveryPrefsPrint: z.boolean().optional(),
      additionalEmailAddresses: z.array(z.string()).optional(),
    })
    .optional(),
  billToContact: contactInputSchema.nullable().optional(),
  soldToContact: contactInputSchema.nullable().optional(),
  createdDate: z.string().optional(),
});
export type AccountInput = z.input<typeof accountInputSchema>;
export type ParsedAccount = z.output<typeof accountInputSchema>;
export type ParsedContact = z.output<typeof contactInputSchema>;

export const chargeInputSchema = z.looseObject({
  id: z.string().optional(),
  originalChargeId: z.string().optional(),
  productRatePlanChargeId: z.string().optional(),
  number: z.string().optional(),
  name: z.string(),
  description: text,
  type: z.string().optional(),
  model: z.string().optional(),
  price: z.number().nullable().optional(),
  quantity: z.number().nullable().optional(),
  currency: z.string().optional(),
  billingPeriod: z.string().nullable().optional(),
  specificBillingPeriod: z.number().int().min(1).nullable().optional(),
  billingPeriodAlignment: text,
  listPriceBase: text,
  priceChangeOption: text,
  priceIncreasePercentage: z.number().nullable().optional(),
  tiers: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  includedUnits: z.number().nullable().optional(),
  overagePrice: z.number().nullable().optional(),
  triggerDate: optionalDate,
  upToPeriodsType: text,
  upToPeriods: z.number().int().nullable().optional(),
  specificEndDate: optionalDate,
  billingTiming: text,
  billingDay: text,
  effectiveStartDate: date.optional(),
  effectiveEndDate: optionalDate,
  chargedThroughDate: optionalDate,
  processedThroughDate: optionalDate,
  triggerEvent: z.string().optional(),
  endDateCondition: z.string().optional(),
  segment: z.number().int().min(1).optional(),
  version: z.number().int().min(1).optional(),
  done: z.boolean().optional(),
  uom: text,
  discountAmount: z.number().nullable().optional(),
  discountPercentage: z.number().nullable().optional(),
  applyDiscountTo: text,
  discountLevel: text,
  discountClass: text,
  discountApplyDetails: z.array(z.record(z.string(), z.string().nullable())).nullable().optional(),
});
export type ParsedCharge = z.output<typeof chargeInputSchema>;

export const ratePlanInputSchema = z.looseObject({
  id: z.string().optional(),
  productId: z.string().optional(),
  productName: z.string(),
  productSku: z.string().optional(),
  productRatePlanId: z.string().optional(),
  ratePlanName: z.string(),
  lastChangeType: z.string().nullable().optional(),
  ratePlanCharges: z.array(chargeInputSchema).default([]),
});
export type ParsedRatePlan = z.output<typeof ratePlanInputSchema>;

export const subscriptionInputSchema = z.looseObject({
  id: z.string().optional(),
  accountNumber: z.string().optional(),
  accountId: z.string().optional(),
  status: z.string().optional(),
  termType: z.string().optional(),
  contractEffectiveDate: optionalDate,
  serviceActivationDate: optionalDate,
  customerAcceptanceDate: optionalDate,
  subscriptionStartDate: optionalDate,
  subscriptionEndDate: optionalDate,
  termStartDate: optionalDate,
  termEndDate: optionalDate,
  initialTerm: z.number().int().nullable().optional(),
  initialTermPeriodType: text,
  currentTerm: z.number().int().nullable().optional(),
  currentTermPeriodType: text,
  renewalTerm: z.number().int().nullable().optional(),
  renewalTermPeriodType: text,
  autoRenew: z.boolean().optional(),
  renewalSetting: z.string().optional(),
  cancelReason: text,
  currency: z.string().optional(),
  notes: text,
  paymentTerm: text,
  invoiceSeparately: z.boolean().optional(),
  orderNumber: text,
  externallyManagedBy: text,
  ratePlans: z.array(ratePlanInputSchema).optional(),
  createdDate: z.string().optional(),
  updatedDate: z.string().optional(),
  /**
   * Sandbox only, never rendered: `lean` answers `chargeSegments` of this subscription in the
   * shape of Zuora's segment model whatever the sandbox-wide setting says.
   */
  segmentShape: z.enum(['rich', 'lean']).optional(),
});
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;
export type ParsedSubscription = z.output<typeof subscriptionInputSchema>;

/**
 * Charge fields a subscription patch may set on every recurring charge segment (what a bill run
 * moves, such as `chargedThroughDate`); what identifies a segment cannot be patched.
 */
export const chargePatchSchema = chargeInputSchema
  .omit({ id: true, originalChargeId: true, number: true, segment: true, name: true })
  .partial();
export type ChargePatch = z.output<typeof chargePatchSchema>;

/** Charge-level fields that are easy to send at the top level by mistake. */
const CHARGE_ONLY_FIELDS = ['chargedThroughDate', 'processedThroughDate'] as const;

export const subscriptionPatchSchema = subscriptionInputSchema
  .extend({ charges: chargePatchSchema.optional() })
  .superRefine((patch, ctx) => {
    for (const field of CHARGE_ONLY_FIELDS) {
      if (field in patch) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `is a charge field: send it as {"charges": {"${field}": …}}`,
        });
      }
    }
  });
export type SubscriptionPatch = z.input<typeof subscriptionPatchSchema>;

export const paymentMethodInputSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  isDefault: z.boolean().optional(),
  status: z.string().optional(),
  /**
   * A full card number or its last four digits; stored masked (`************4242`). Left out of a
   * `CreditCardReferenceTransaction`, the card has no digits (`cardNumber: null`).
   */
  cardNumber: z.string().nullable().optional(),
  /** A reference transaction's gateway tokens. */
  tokenId: text,
  secondTokenId: text,
  creditCardType: z.string().optional(),
  expirationMonth: z.number().int().min(1).max(12).optional(),
  expirationYear: z.number().int().min(1000).max(9999).optional(),
  bankIdentificationNumber: text,
  accountHolderInfo: z.record(z.string(), z.string().nullable()).optional(),
  createdDate: z.string().optional(),
});
export type PaymentMethodInput = z.input<typeof paymentMethodInputSchema>;
export type ParsedPaymentMethod = z.output<typeof paymentMethodInputSchema>;

export const orderInputSchema = z.looseObject({
  orderDate: date.optional(),
  createdDate: z.string().optional(),
  createdBy: z.string().optional(),
  updatedDate: z.string().optional(),
  updatedBy: z.string().optional(),
  status: z.string().optional(),
  category: z.string().optional(),
  description: text,
  existingAccountNumber: z.string(),
  currency: z.string().optional(),
  customFields: customFields.optional(),
  subscriptions: z
    .array(
      z.object({
        subscriptionNumber: z.string(),
        baseVersion: z.number().int().nullable().optional(),
        newVersion: z.number().int().optional(),
        orderActions: z
          .array(
            z.looseObject({
              id: z.string().optional(),
              type: z.string(),
              sequence: z.number().int().optional(),
              changeReason: text,
              customFields: customFields.optional(),
              triggerDates: z.array(z.object({ name: z.string(), triggerDate: date })).optional(),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});
export type OrderInput = z.input<typeof orderInputSchema>;
export type ParsedOrder = z.output<typeof orderInputSchema>;
