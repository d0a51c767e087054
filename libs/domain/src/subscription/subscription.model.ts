// The platform's view of a subscription, as far as syncing is concerned.

export type SubscriptionStatus = 'active' | 'cancelled' | 'suspended' | 'expired' | 'pending';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface SubscriptionTerms {
  status: SubscriptionStatus;
  termStart: IsoDate | null;
  termEnd: IsoDate | null;
  autoRenew: boolean;
}

export interface CustomerContact {
  name: string | null;
  email: string | null;
}

export type AddressType = 'billing' | 'shipping';

/** A postal address as the upstream gives it: country and state are names, not ISO codes. */
export interface Address {
  type: AddressType;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

/** One charge of an offer; quantity and price are exact decimal strings. */
export interface OfferCharge {
  name: string;
  /** `Recurring`, `OneTime` or `Usage`. */
  type: string;
  quantity: string | null;
  price: string | null;
  currency: string;
  billingPeriod: string | null;
}

/** What the subscription buys: one upstream rate plan, matched to a platform offer or not. */
export interface SubscriptionOffer {
  /** Identifies the upstream rate plan across subscription versions. */
  sourceKey: string;
  name: string;
  offerId: string | null;
  /** Whether the catalog maps the rate plan to a platform offer. */
  mapped: boolean;
  productName: string;
  ratePlanName: string;
  productRatePlanId: string;
  start: IsoDate | null;
  end: IsoDate | null;
  charges: OfferCharge[];
}

export type ScheduleEntryStatus = 'pending' | 'paid' | 'cancelled';

/** One charge on the subscription's schedule of payments. */
export interface ScheduleEntry {
  id: string;
  /** The upstream charge period it came from; null for entries the platform made itself. */
  sourceKey: string | null;
  date: IsoDate;
  /** Decimal string in major units, two places. */
  amount: string;
  currency: string;
  status: ScheduleEntryStatus;
  description: string | null;
}

/** What a sync reads from and writes to the local record. */
export interface SyncedState {
  terms: SubscriptionTerms;
  customer: CustomerContact;
  /** Billing first, then shipping; an address the upstream lacks is absent. */
  addresses: Address[];
  offers: SubscriptionOffer[];
}

/**
 * The local record a sync starts from: the synced state plus the schedule. The schedule is not
 * part of `SyncedState` because a sync returns operations on it, not its next value.
 */
export interface LocalSubscription extends SyncedState {
  schedule: ScheduleEntry[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
