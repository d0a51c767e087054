import type { DataSource } from 'typeorm';
import type {
  Address,
  Provider,
  ScheduleEntry,
  SubscriptionOffer,
  SubscriptionStatus,
} from '@subsync/domain';
import { CustomerAccountEntity } from '../entities/customer-account.entity';
import { CustomerEntity } from '../entities/customer.entity';
import { PaymentMethodEntity } from '../entities/payment-method.entity';
import {
  loadAddresses,
  loadOffers,
  loadSchedule,
} from '../repositories/subscription-details.repository';
import { findSubscriptionByAnyId } from '../repositories/subscription-lookup';

/** The read model of one subscription, as the gateway shows it. */
export interface SubscriptionReadModel {
  id: string;
  reference: string;
  status: SubscriptionStatus;
  source: Provider;
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
  schedule: Pick<ScheduleEntry, 'id' | 'date' | 'amount' | 'currency' | 'status' | 'description'>[];
  paymentMethods: {
    brand: string | null;
    last4: string | null;
    expMonth: number | null;
    expYear: number | null;
    default: boolean;
  }[];
  offers: Pick<
    SubscriptionOffer,
    'name' | 'start' | 'end' | 'offerId' | 'mapped' | 'productName' | 'ratePlanName' | 'charges'
  >[];
  external: {
    zuora: { subscriptionNumber: string | null; accountNumber: string | null } | null;
    stripe: { subscriptionId: string | null; customerId: string | null } | null;
  };
  lastSyncedAt: string | null;
}

export interface SubscriptionViewQuery {
  /** By any id of the subscription; null when none matches. */
  find(ref: string): Promise<SubscriptionReadModel | null>;
}

/** Assembles the read model of one subscription from its tables. */
export class SubscriptionViewQueryTypeOrm implements SubscriptionViewQuery {
  constructor(private readonly dataSource: DataSource) {}

  async find(ref: string): Promise<SubscriptionReadModel | null> {
    const manager = this.dataSource.manager;
    const sub = await findSubscriptionByAnyId(manager, ref);
    if (sub === null) return null;
    const [customer, accounts, addresses, schedule, paymentMethods, offers] = await Promise.all([
      manager.getRepository(CustomerEntity).findOneByOrFail({ id: sub.customerId }),
      manager
        .getRepository(CustomerAccountEntity)
        .find({ where: { customerId: sub.customerId }, order: { service: 'ASC' } }),
      loadAddresses(manager, sub.id),
      loadSchedule(manager, sub.id),
      manager
        .getRepository(PaymentMethodEntity)
        .find({ where: { customerId: sub.customerId }, order: { isDefault: 'DESC' } }),
      loadOffers(manager, sub.id),
    ]);
    return {
      id: sub.id,
      reference: sub.reference,
      status: sub.status,
      source: sub.source,
      termStart: sub.termStart,
      termEnd: sub.termEnd,
      autoRenew: sub.autoRenew,
      owner: sub.ownerId,
      imported: sub.imported,
      customer: {
        id: customer.id,
        name: customer.name,
        email: customer.email,
        identities: accounts.map((account) => ({
          service: account.service,
          id: account.externalId,
        })),
      },
      addresses,
      schedule: schedule.map(({ id, date, amount, currency, status, description }) => ({
        id,
        date,
        amount,
        currency,
        status,
        description,
      })),
      paymentMethods: paymentMethods.map((pm) => ({
        brand: pm.brand,
        last4: pm.last4,
        expMonth: pm.expMonth,
        expYear: pm.expYear,
        default: pm.isDefault,
      })),
      offers: offers.map((offer) => ({
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
          sub.zuoraSubscriptionNumber === null && sub.zuoraAccountNumber === null
            ? null
            : {
                subscriptionNumber: sub.zuoraSubscriptionNumber,
                accountNumber: sub.zuoraAccountNumber,
              },
        stripe:
          sub.stripeSubscriptionId === null && sub.stripeCustomerId === null
            ? null
            : { subscriptionId: sub.stripeSubscriptionId, customerId: sub.stripeCustomerId },
      },
      lastSyncedAt: sub.lastSyncedAt?.toISOString() ?? null,
    };
  }
}
