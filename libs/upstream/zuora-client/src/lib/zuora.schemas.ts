import { z } from 'zod';

// Loose checks of Zuora's responses: the fields subsync reads must be there with the right type;
// everything else (custom fields included) passes through untouched.

/** Zuora sometimes omits a null field; both read as null. */
const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const nullableNumber = z
  .number()
  .nullish()
  .transform((value) => value ?? null);

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

const chargeType = z.enum(['OneTime', 'Recurring', 'Usage']);

const discountApplyDetailSchema = z.looseObject({
  appliedProductRatePlanId: z.string().nullish(),
  appliedProductRatePlanChargeId: z.string().nullish(),
  appliedProductName: z.string().nullish(),
  appliedProductRatePlanName: z.string().nullish(),
  appliedProductRatePlanChargeName: z.string().nullish(),
});

/**
 * A segment as Zuora's own model describes it: `RatePlanChargeSegment` (zuora-sdk 3.13.0 for
 * Python, generated from Zuora's OpenAPI document 2025-08-12) has the per-period fields only —
 * id, segment, price, quantity, currency, description, effectiveStartDate, effectiveEndDate,
 * chargedThroughDate, processedThroughDate, endDateCondition, triggerEvent, the discount fields
 * (discountAmount, discountPercentage, applyDiscountTo, discountLevel, discountClass,
 * discountApplyDetails) and others subsync does not read — and every one of them is optional.
 * The charge's identity and cadence (number, name, type, model, billingPeriod,
 * specificBillingPeriod, originalChargeId, productRatePlanChargeId) live on the charge only.
 * So every field is optional here; whatever a segment leaves out is taken from its charge.
 */
const chargeSegmentSchema = z
  .looseObject({
    id: z.string(),
    number: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    type: chargeType,
    model: z.string(),
    price: z.number().nullable(),
    quantity: z.number().nullable(),
    currency: z.string(),
    billingPeriod: z.string().nullable(),
    specificBillingPeriod: z.number().nullable(),
    effectiveStartDate: z.string(),
    effectiveEndDate: z.string().nullable(),
    chargedThroughDate: z.string().nullable(),
    processedThroughDate: z.string().nullable(),
    endDateCondition: z.string().nullable(),
    segment: z.number(),
    originalChargeId: z.string(),
    productRatePlanChargeId: z.string(),
    discountAmount: z.number().nullable(),
    discountPercentage: z.number().nullable(),
    applyDiscountTo: z.string().nullable(),
    discountLevel: z.string().nullable(),
    discountClass: z.string().nullable(),
    discountApplyDetails: z.array(discountApplyDetailSchema).nullable(),
  })
  .partial();

/** The charge itself must say what it is and when it runs (as in Zuora's published example). */
const chargeSchema = z
  .looseObject({
    id: z.string(),
    number: z.string(),
    name: z.string(),
    description: z.string().nullish(),
    type: chargeType,
    model: z.string(),
    price: nullableNumber,
    quantity: nullableNumber,
    currency: z.string(),
    billingPeriod: nullableString,
    specificBillingPeriod: z.number().nullish(),
    effectiveStartDate: z.string(),
    effectiveEndDate: nullableString,
    chargedThroughDate: nullableString,
    processedThroughDate: z.string().nullish(),
    endDateCondition: z.string().nullish(),
    segment: z.number().optional(),
    originalChargeId: z.string().optional(),
    productRatePlanChargeId: z.string().optional(),
    discountAmount: z.number().nullish(),
    discountPercentage: z.number().nullish(),
    applyDiscountTo: z.string().nullish(),
    discountLevel: z.string().nullish(),
    discountClass: z.string().nullish(),
    discountApplyDetails: z.array(discountApplyDetailSchema).nullish(),
    chargeSegments: z.array(chargeSegmentSchema).optional(),
  })
  .transform(({ chargeSegments, ...charge }) =>
    chargeSegments === undefined
      ? charge
      : { ...charge, chargeSegments: chargeSegments.map((s) => ({ ...charge, ...given(s) })) },
  );

/** The fields a segment states; one it leaves out (or sends as undefined) is not there. */
function given<T extends object>(segment: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(segment).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

const ratePlanSchema = z.looseObject({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  productRatePlanId: z.string(),
  ratePlanName: z.string(),
  lastChangeType: z.enum(['Add', 'Update', 'Remove']).nullish(),
  ratePlanCharges: z.array(chargeSchema),
});

export const subscriptionSchema = z.looseObject({
  id: z.string(),
  subscriptionNumber: z.string(),
  accountId: z.string(),
  accountNumber: z.string(),
  accountName: z.string().nullish(),
  version: z.number(),
  status: z.enum([
    'Draft',
    'Pending Activation',
    'Pending Acceptance',
    'Active',
    'Cancelled',
    'Suspended',
    'Expired',
    'OutOfTerm',
  ]),
  termType: z.enum(['TERMED', 'EVERGREEN']),
  subscriptionStartDate: nullableString,
  subscriptionEndDate: nullableString,
  termStartDate: nullableString,
  termEndDate: nullableString,
  autoRenew: z.boolean(),
  currency: z.string().nullish(),
  orderNumber: z.string().nullish(),
  isLatestVersion: z.boolean().optional(),
  contractEffectiveDate: z.string().nullish(),
  currentTerm: z.number().nullish(),
  currentTermPeriodType: z.string().nullish(),
  renewalSetting: z.string().nullish(),
  cancelReason: z.string().nullish(),
  ratePlans: z.array(ratePlanSchema),
});

export const subscriptionPageSchema = z.looseObject({
  subscriptions: z.array(subscriptionSchema),
  nextPage: z.string().nullish(),
});

const contactSchema = z.looseObject({
  id: z.string().optional(),
  firstName: nullableString,
  lastName: nullableString,
  workEmail: nullableString,
  personalEmail: z.string().nullish(),
  address1: nullableString,
  address2: nullableString,
  city: nullableString,
  state: nullableString,
  zipCode: nullableString,
  country: nullableString,
});

const optionalContact = contactSchema.nullish().transform((value) => value ?? null);

export const accountSchema = z.looseObject({
  basicInfo: z.looseObject({
    id: z.string(),
    accountNumber: z.string(),
    name: z.string(),
    status: z.string(),
    crmId: z.string().nullish(),
  }),
  billingAndPayment: z
    .looseObject({
      currency: z.string(),
      billCycleDay: z.number().optional(),
      paymentTerm: z.string().nullish(),
      autoPay: z.boolean().optional(),
      defaultPaymentMethodId: z.string().nullish(),
    })
    .nullish(),
  billToContact: optionalContact,
  soldToContact: optionalContact,
});

const paymentMethodSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  isDefault: z.boolean(),
  status: z.string(),
  cardNumber: z.string().nullish(),
  creditCardMaskNumber: z.string().nullish(),
  creditCardType: z.string().nullish(),
  expirationMonth: z.number().nullish(),
  expirationYear: z.number().nullish(),
});

/** Zuora groups methods under one array per type (`creditcard`, `paypal`, …); flattened here. */
export const accountPaymentMethodsSchema = z
  .looseObject({ defaultPaymentMethodId: z.string().nullish() })
  .transform((body) => ({
    defaultPaymentMethodId: body.defaultPaymentMethodId ?? null,
    paymentMethods: Object.values(body).filter(Array.isArray).flat(),
  }))
  .pipe(
    z.object({
      defaultPaymentMethodId: z.string().nullable(),
      paymentMethods: z.array(paymentMethodSchema),
    }),
  );

const customFields = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value) => value ?? {});

export const orderResponseSchema = z.looseObject({
  order: z.looseObject({
    orderNumber: z.string(),
    orderDate: z.string().nullish(),
    createdDate: z.string().nullish(),
    createdBy: z.string().nullish(),
    status: z.string().nullish(),
    existingAccountNumber: z.string().nullish(),
    customFields,
    subscriptions: z
      .array(
        z.looseObject({
          subscriptionNumber: z.string(),
          baseVersion: z.number().nullish(),
          newVersion: z.number().nullish(),
          orderActions: z
            .array(
              z.looseObject({
                id: z.string().optional(),
                type: z.string(),
                sequence: z.number().optional(),
                changeReason: z.string().nullish(),
                customFields: z.record(z.string(), z.unknown()).optional(),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
  }),
});

export const objectQueryAccountsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      accountNumber: z.string(),
      name: z.string().optional(),
      status: z.string().optional(),
      crmId: z.string().nullish(),
    }),
  ),
  nextPage: z.string().nullish(),
});

export const objectQuerySubscriptionsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      accountId: z.string().optional(),
      status: z.string().optional(),
      version: z.number().optional(),
      updatedDate: z.string().optional(),
    }),
  ),
  nextPage: z.string().nullish(),
});
export type ZuoraObjectQuerySubscriptionPage = z.infer<typeof objectQuerySubscriptionsSchema>;
