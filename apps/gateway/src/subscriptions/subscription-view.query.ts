import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CustomerAccountEntity,
  CustomerEntity,
  findSubscriptionByAnyId,
  loadAddresses,
  loadOffers,
  loadSchedule,
  PaymentMethodEntity,
} from '@subsync/persistence';
import type { SubscriptionView } from './subscription.view';

/** Assembles the read model of one subscription from its tables. */
@Injectable()
export class SubscriptionViewQuery {
  constructor(private readonly dataSource: DataSource) {}

  async find(ref: string): Promise<SubscriptionView | null> {
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
