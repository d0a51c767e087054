// The parts of Zuora's v1 REST responses that subsync reads. Field names and value sets follow
// Zuora's own (see ../shared/reference/upstream-apis.md, Part A). Dates are `yyyy-mm-dd`.

export type ZuoraSubscriptionStatus =
  | 'Draft'
  | 'Pending Activation'
  | 'Pending Acceptance'
  | 'Active'
  | 'Cancelled'
  | 'Suspended'
  | 'Expired'
  | 'OutOfTerm';

export interface ZuoraCharge {
  id: string;
  number: string;
  name: string;
  description?: string | null;
  type: 'OneTime' | 'Recurring' | 'Usage';
  model: string;
  price: number | null;
  quantity: number | null;
  currency: string;
  billingPeriod: string | null;
  /** The number of months or weeks in a `Specific_Months` or `Specific_Weeks` billing period. */
  specificBillingPeriod?: number | null;
  effectiveStartDate: string;
  effectiveEndDate: string | null;
  chargedThroughDate: string | null;
  processedThroughDate?: string | null;
  endDateCondition?: string | null;
  segment?: number;
  /** Shared by every segment and version of the same charge. */
  originalChargeId?: string;
  productRatePlanChargeId?: string;
  /**
   * Discount charges (model `DiscountFixedAmount` or `DiscountPercentage`) have `price: null` and
   * one of these two instead; other charges have them null or leave them out.
   */
  discountAmount?: number | null;
  discountPercentage?: number | null;
  /**
   * The charge types a discount applies to: `ONETIME`, `RECURRING`, `USAGE` or a combination
   * such as `ONETIMERECURRING` or `RECURRINGUSAGE`.
   */
  applyDiscountTo?: string | null;
  /**
   * Which charges a discount reaches: `rateplan` (its own rate plan), `subscription` or
   * `account`. Zuora's enum is lower-case; its docs spell them `RatePlan`, `Subscription`, `Account`.
   */
  discountLevel?: string | null;
  /** The discount class, which orders discounts; its rank is tenant configuration, not sent here. */
  discountClass?: string | null;
  /** The catalog charges the discount applies to (set on discount charges only). */
  discountApplyDetails?: ZuoraDiscountApplyDetail[] | null;
  /**
   * Every segment of this charge, oldest first; present when the subscription was read with
   * `charge-detail=all-segments` (the Zuora client's default). The charge's own fields are those
   * of its last segment.
   */
  chargeSegments?: ZuoraChargeSegment[];
}

/** One entry of a discount charge's `discountApplyDetails`. */
export interface ZuoraDiscountApplyDetail {
  appliedProductRatePlanId?: string | null;
  appliedProductRatePlanChargeId?: string | null;
  appliedProductName?: string | null;
  appliedProductRatePlanName?: string | null;
  appliedProductRatePlanChargeName?: string | null;
}

/**
 * One segment of a charge: a charge's fields for one period between amendments. Zuora's own
 * segment model carries only the per-period fields; the Zuora client fills the others from the
 * charge, so a segment here is always complete.
 */
export type ZuoraChargeSegment = Omit<ZuoraCharge, 'chargeSegments'>;

export interface ZuoraRatePlan {
  id: string;
  productId: string;
  productName: string;
  productRatePlanId: string;
  ratePlanName: string;
  lastChangeType?: 'Add' | 'Update' | 'Remove' | null;
  ratePlanCharges: ZuoraCharge[];
}

export interface ZuoraContact {
  id?: string;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  personalEmail?: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zipCode: string | null;
  country: string | null;
}

export interface ZuoraSubscription {
  id: string;
  subscriptionNumber: string;
  accountId: string;
  accountNumber: string;
  accountName?: string | null;
  version: number;
  status: ZuoraSubscriptionStatus;
  termType: 'TERMED' | 'EVERGREEN';
  subscriptionStartDate: string | null;
  subscriptionEndDate: string | null;
  termStartDate: string | null;
  termEndDate: string | null;
  autoRenew: boolean;
  currency?: string | null;
  orderNumber?: string | null;
  isLatestVersion?: boolean;
  contractEffectiveDate?: string | null;
  currentTerm?: number | null;
  currentTermPeriodType?: string | null;
  renewalSetting?: string | null;
  /** Only set when the subscription was cancelled through an order. */
  cancelReason?: string | null;
  ratePlans: ZuoraRatePlan[];
}

export interface ZuoraAccountBasicInfo {
  id: string;
  accountNumber: string;
  name: string;
  status: string;
  crmId?: string | null;
  /** Account custom fields (`Name__c`) sit beside the standard fields. */
  [customField: `${string}__c`]: unknown;
}

export interface ZuoraBillingAndPayment {
  currency: string;
  billCycleDay?: number;
  paymentTerm?: string | null;
  autoPay?: boolean;
  defaultPaymentMethodId?: string | null;
}

export interface ZuoraAccount {
  basicInfo: ZuoraAccountBasicInfo;
  billingAndPayment?: ZuoraBillingAndPayment | null;
  billToContact: ZuoraContact | null;
  soldToContact: ZuoraContact | null;
}

/** One entry of `GET /v1/accounts/{key}/payment-methods` (card fields are null for other types). */
export interface ZuoraPaymentMethod {
  id: string;
  /** `CreditCard`, `CreditCardReferenceTransaction`, `PayPal`, `ACH`, `BankTransfer`, … */
  type: string;
  isDefault: boolean;
  /** `Active`, `Closed` or `Scrubbed`. */
  status: string;
  /** Masked, e.g. `************4242`; null for a gateway-tokenised card that Zuora knows no digits of. */
  cardNumber?: string | null;
  /** A masked number some responses give instead of `cardNumber` (credit card reference transactions). */
  creditCardMaskNumber?: string | null;
  /** `Visa`, `MasterCard`, `AmericanExpress`, `Discover`, `JCB`, `Diners`, … */
  creditCardType?: string | null;
  expirationMonth?: number | null;
  expirationYear?: number | null;
}

/** `GET /v1/accounts/{key}/payment-methods`, flattened from Zuora's per-type groups. */
export interface ZuoraAccountPaymentMethods {
  defaultPaymentMethodId: string | null;
  paymentMethods: ZuoraPaymentMethod[];
}

export interface ZuoraOrderAction {
  id?: string;
  /** `CreateSubscription`, `RenewSubscription`, `CancelSubscription`, `UpdateProduct`, … */
  type: string;
  sequence?: number;
  changeReason?: string | null;
  customFields?: Record<string, unknown>;
}

/** `GET /v1/orders/{orderNumber}` (the `order` object). */
export interface ZuoraOrder {
  orderNumber: string;
  orderDate?: string | null;
  /** `yyyy-mm-dd hh:mm:ss`. */
  createdDate?: string | null;
  /** The Zuora user id that created the order. */
  createdBy?: string | null;
  status?: string | null;
  existingAccountNumber?: string | null;
  /** Order custom fields, e.g. `Source__c`, `InitiatedSource__c`. */
  customFields: Record<string, unknown>;
  subscriptions: {
    subscriptionNumber: string;
    baseVersion?: number | null;
    newVersion?: number | null;
    orderActions: ZuoraOrderAction[];
  }[];
}

/** An account as Object Query returns it (field names differ from the v1 GET). */
export interface ZuoraObjectQueryAccount {
  id: string;
  accountNumber: string;
  name?: string;
  status?: string;
  crmId?: string | null;
  [field: string]: unknown;
}
