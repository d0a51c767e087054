import type { Address, OfferCharge } from '@subsync/domain';

/** The read model of CONTRACTS.md §3. Fields with no value are null or [], never left out. */
export interface SubscriptionView {
  id: string;
  reference: string;
  status: string;
  source: 'zuora' | 'stripe';
  termStart: string | null;
  termEnd: string | null;
  autoRenew: boolean;
  owner: string;
  imported: boolean;
  customer: {
    id: string;
    name: string | null;
    email: string | null;
    identities: { service: string; id: string }[];
  };
  addresses: Address[];
  schedule: {
    id: string;
    date: string;
    amount: string;
    currency: string;
    status: string;
    description: string | null;
  }[];
  paymentMethods: {
    brand: string | null;
    last4: string | null;
    expMonth: number | null;
    expYear: number | null;
    default: boolean;
  }[];
  offers: {
    name: string;
    start: string | null;
    end: string | null;
    /** The platform offer a catalog mapping names; null (and `mapped: false`) when unmapped. */
    offerId: string | null;
    mapped: boolean;
    productName: string | null;
    ratePlanName: string | null;
    charges: OfferCharge[];
  }[];
  external: {
    zuora: { subscriptionNumber: string | null; accountNumber: string | null } | null;
    stripe: { subscriptionId: string | null; customerId: string | null } | null;
  };
  lastSyncedAt: string | null;
}
