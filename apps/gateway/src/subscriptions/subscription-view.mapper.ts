import type { SubscriptionDetails } from '@subsync/persistence';
import type { SubscriptionView } from './subscription.view';

/** The read model of CONTRACTS.md §3 from what is stored of the subscription. */
export function toSubscriptionView(details: SubscriptionDetails): SubscriptionView {
  const { subscription, customer } = details;
  return {
    id: subscription.id,
    reference: subscription.reference,
    status: subscription.status,
    source: subscription.source,
    termStart: subscription.termStart,
    termEnd: subscription.termEnd,
    autoRenew: subscription.autoRenew,
    owner: subscription.ownerId,
    imported: subscription.imported,
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      identities: details.accounts.map((account) => ({
        service: account.service,
        id: account.externalId,
      })),
    },
    addresses: details.addresses,
    schedule: details.schedule.map(({ id, date, amount, currency, status, description }) => ({
      id,
      date,
      amount,
      currency,
      status,
      description,
    })),
    paymentMethods: details.paymentMethods.map((pm) => ({
      brand: pm.brand,
      last4: pm.last4,
      expMonth: pm.expMonth,
      expYear: pm.expYear,
      default: pm.isDefault,
    })),
    offers: details.offers.map((offer) => ({
      name: offer.name,
      start: offer.start,
      end: offer.end,
      offerId: offer.offerId,
      mapped: offer.mapped,
      productName: offer.productName,
      ratePlanName: offer.ratePlanName,
      charges: offer.charges,
    })),
    external: {
      zuora:
        subscription.zuoraSubscriptionNumber === null && subscription.zuoraAccountNumber === null
          ? null
          : {
              subscriptionNumber: subscription.zuoraSubscriptionNumber,
              accountNumber: subscription.zuoraAccountNumber,
            },
      stripe:
        subscription.stripeSubscriptionId === null && subscription.stripeCustomerId === null
          ? null
          : {
              subscriptionId: subscription.stripeSubscriptionId,
              customerId: subscription.stripeCustomerId,
            },
    },
    lastSyncedAt: subscription.lastSyncedAt?.toISOString() ?? null,
  };
}
