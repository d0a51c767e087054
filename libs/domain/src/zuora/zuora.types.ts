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
  effectiveStartDate: string;
  effectiveEndDate: string | null;
  chargedThroughDate: string | null;
  processedThroughDate?: string | null;
  endDateCondition?: string | null;
  segment?: number;
}

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

export interface ZuoraAccount {
  basicInfo: ZuoraAccountBasicInfo;
  billToContact: ZuoraContact | null;
  soldToContact: ZuoraContact | null;
}
