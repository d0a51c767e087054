// The platform's view of a subscription, as far as syncing is concerned. The parts the gateway's
// read model shows as they are are zod schemas, so the API publishes them without restating them.
import { z } from 'zod';

export const SUBSCRIPTION_STATUSES = [
  'active',
  'cancelled',
  'suspended',
  'expired',
  'pending',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

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

/** A postal address as the upstream gives it: country and state are names, not ISO codes. */
export const addressSchema = z.object({
  type: z.enum(['billing', 'shipping']),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type Address = z.infer<typeof addressSchema>;
export type AddressType = Address['type'];

/** One charge of an offer; quantity and price are exact decimal strings. */
export const offerChargeSchema = z.object({
  name: z.string(),
  type: z.string().describe('`Recurring`, `OneTime` or `Usage`'),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  currency: z.string(),
  billingPeriod: z.string().nullable(),
});
export type OfferCharge = z.infer<typeof offerChargeSchema>;

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

export const SCHEDULE_ENTRY_STATUSES = ['pending', 'paid', 'cancelled'] as const;
export type ScheduleEntryStatus = (typeof SCHEDULE_ENTRY_STATUSES)[number];

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
