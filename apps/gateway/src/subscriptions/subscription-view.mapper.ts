import type { Provider } from '@subsync/domain';
import type { SubscriptionDetails, SubscriptionReferenceKind } from '@subsync/persistence';
import type { SubscriptionView } from './subscription.view';

/** The ids upstream as CONTRACTS.md §3 shows them: per provider, null where it has none. */
function externalIds(references: SubscriptionDetails['references']): SubscriptionView['external'] {
  const valueOf = (provider: Provider, kind: SubscriptionReferenceKind): string | null =>
    references.find((r) => r.provider === provider && r.kind === kind)?.value ?? null;
  const has = (provider: Provider): boolean => references.some((r) => r.provider === provider);
  return {
    zuora: has('zuora')
      ? {
          subscriptionNumber: valueOf('zuora', 'subscription'),
          accountNumber: valueOf('zuora', 'account'),
        }
      : null,
    stripe: has('stripe')
      ? {
          subscriptionId: valueOf('stripe', 'subscription'),
          customerId: valueOf('stripe', 'account'),
        }
      : null,
  };
}

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
    external: externalIds(details.references),
    lastSyncedAt: subscription.lastSyncedAt?.toISOString() ?? null,
  };
}
