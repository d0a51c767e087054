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

/** What a sync reads from and writes to the local record. */
export interface SyncedState {
  terms: SubscriptionTerms;
  customer: CustomerContact;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
