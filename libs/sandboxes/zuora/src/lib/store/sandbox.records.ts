// What the sandbox keeps in memory. The shapes follow Zuora's v1 GET responses, so rendering is
// mostly a copy; the index signatures carry custom fields (`Name__c`) and any extra fields a test
// stores, which are returned as given.

export interface ContactRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  nickname: string | null;
  workEmail: string | null;
  personalEmail: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  state: string | null;
  zipCode: string | null;
  county: string | null;
  country: string | null;
  workPhone: string | null;
  mobilePhone: string | null;
  homePhone: string | null;
  [field: string]: unknown;
}

export interface BasicInfoRecord {
  id: string;
  accountNumber: string;
  name: string;
  status: string;
  crmId: string | null;
  batch: string;
  notes: string | null;
  salesRep: string | null;
  parentId: string | null;
  [field: string]: unknown;
}

export interface BillingAndPaymentRecord {
  billCycleDay: number;
  currency: string;
  paymentTerm: string;
  paymentGateway: string | null;
  autoPay: boolean;
  defaultPaymentMethodId: string | null;
  invoiceDeliveryPrefsEmail: boolean;
  invoiceDeliveryPrefsPrint: boolean;
  additionalEmailAddresses: string[];
  [field: string]: unknown;
}

export interface AccountRecord {
  basicInfo: BasicInfoRecord;
  billingAndPayment: BillingAndPaymentRecord;
  billToContact: ContactRecord | null;
  soldToContact: ContactRecord | null;
  createdDate: string;
  updatedDate: string;
}

/** One charge segment. Segments of the same charge share `number` and differ in `segment`. */
export interface ChargeSegmentRecord {
  id: string;
  originalChargeId: string;
  productRatePlanChargeId: string;
  number: string;
  name: string;
  description: string | null;
  type: string;
  model: string;
  price: number | null;
  quantity: number | null;
  currency: string;
  billingPeriod: string | null;
  billingTiming: string | null;
  billingDay: string | null;
  effectiveStartDate: string;
  effectiveEndDate: string | null;
  chargedThroughDate: string | null;
  processedThroughDate: string | null;
  triggerEvent: string;
  endDateCondition: string;
  segment: number;
  version: number;
  done: boolean;
  uom: string | null;
  pricingSummary: string;
  /** Set on discount charges (`DiscountFixedAmount`, `DiscountPercentage`); null on others. */
  discountAmount: number | null;
  discountPercentage: number | null;
  applyDiscountTo: string | null;
  discountLevel: string | null;
  discountClass: string | null;
  discountApplyDetails: Record<string, string | null>[] | null;
  [field: string]: unknown;
}

export interface RatePlanRecord {
  id: string;
  productId: string;
  productName: string;
  productSku: string;
  productRatePlanId: string;
  ratePlanName: string;
  lastChangeType: string | null;
  ratePlanCharges: ChargeSegmentRecord[];
  [field: string]: unknown;
}

export interface SubscriptionVersionRecord {
  id: string;
  subscriptionNumber: string;
  accountId: string;
  accountNumber: string;
  accountName: string;
  invoiceOwnerAccountId: string;
  invoiceOwnerAccountNumber: string;
  invoiceOwnerAccountName: string;
  version: number;
  revision: string;
  status: string;
  termType: string;
  contractEffectiveDate: string | null;
  serviceActivationDate: string | null;
  customerAcceptanceDate: string | null;
  subscriptionStartDate: string | null;
  subscriptionEndDate: string | null;
  termStartDate: string | null;
  termEndDate: string | null;
  initialTerm: number | null;
  initialTermPeriodType: string | null;
  currentTerm: number | null;
  currentTermPeriodType: string | null;
  renewalTerm: number | null;
  renewalTermPeriodType: string | null;
  autoRenew: boolean;
  renewalSetting: string;
  cancelReason: string | null;
  currency: string;
  notes: string | null;
  paymentTerm: string | null;
  invoiceSeparately: boolean;
  orderNumber: string | null;
  externallyManagedBy: string | null;
  ratePlans: RatePlanRecord[];
  createdDate: string;
  updatedDate: string;
  /** Sandbox only (not rendered): this subscription's segments always answer in the lean shape. */
  segmentShape?: SegmentShape;
  [field: string]: unknown;
}

/**
 * How `charge-detail=all-segments` renders segments: `rich` repeats every charge field on each
 * segment; `lean` gives only the fields of Zuora's own segment model (see subscription.view.ts).
 */
export type SegmentShape = 'rich' | 'lean';

export interface PaymentMethodRecord {
  id: string;
  accountId: string;
  paymentMethodNumber: string;
  type: string;
  isDefault: boolean;
  status: string;
  cardNumber: string | null;
  creditCardType: string | null;
  expirationMonth: number | null;
  expirationYear: number | null;
  bankIdentificationNumber: string | null;
  accountHolderInfo: Record<string, string | null>;
  createdDate: string;
  updatedDate: string;
  [field: string]: unknown;
}

export interface OrderActionRecord {
  id: string;
  type: string;
  sequence: number;
  changeReason: string | null;
  customFields: Record<string, unknown>;
  triggerDates: { name: string; triggerDate: string }[];
  [field: string]: unknown;
}

export interface OrderRecord {
  orderNumber: string;
  orderDate: string;
  createdDate: string;
  createdBy: string;
  updatedDate: string;
  updatedBy: string;
  status: string;
  category: string;
  description: string | null;
  existingAccountNumber: string;
  currency: string;
  customFields: Record<string, unknown>;
  subscriptions: {
    subscriptionNumber: string;
    baseVersion: number | null;
    newVersion: number;
    orderActions: OrderActionRecord[];
  }[];
  [field: string]: unknown;
}

export type SeedName = 'demo' | 'empty';
