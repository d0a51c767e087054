import type { DataSource } from 'typeorm';
import type { Address, ScheduleEntry, SubscriptionOffer } from '@subsync/domain';
import { CustomerAccountEntity } from '../entities/customer-account.entity';
import { CustomerEntity } from '../entities/customer.entity';
import { PaymentMethodEntity } from '../entities/payment-method.entity';
import type { SubscriptionEntity } from '../entities/subscription.entity';
import { SubscriptionReferenceEntity } from '../entities/subscription-reference.entity';
import {
  loadAddresses,
  loadOffers,
  loadSchedule,
} from '../repositories/subscription-details.repository';
import { findSubscriptionByAnyId } from '../repositories/subscription-lookup';

/** One subscription with what its read model shows: its customer, schedule, cards and offers. */
export interface SubscriptionDetails {
  subscription: SubscriptionEntity;
  /** Its ids upstream: its key, other ids, its billing account. */
  references: SubscriptionReferenceEntity[];
  customer: CustomerEntity;
  /** The customer's accounts upstream, by service. */
  accounts: CustomerAccountEntity[];
  addresses: Address[];
  schedule: ScheduleEntry[];
  /** The default first. */
  paymentMethods: PaymentMethodEntity[];
  offers: SubscriptionOffer[];
}

export interface SubscriptionViewQuery {
  /** By any id of the subscription; null when none matches. */
  find(ref: string): Promise<SubscriptionDetails | null>;
}

/** Reads what the read model of one subscription shows, from its tables. */
export class SubscriptionViewQueryTypeOrm implements SubscriptionViewQuery {
  constructor(private readonly dataSource: DataSource) {}

  async find(ref: string): Promise<SubscriptionDetails | null> {
    const manager = this.dataSource.manager;
    const sub = await findSubscriptionByAnyId(manager, ref);
    if (sub === null) return null;
    const [references, customer, accounts, addresses, schedule, paymentMethods, offers] =
      await Promise.all([
        manager
          .getRepository(SubscriptionReferenceEntity)
          .find({ where: { subscriptionId: sub.id }, order: { provider: 'ASC', kind: 'ASC' } }),
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
      subscription: sub,
      references,
      customer,
      accounts,
      addresses,
      schedule,
      paymentMethods,
      offers,
    };
  }
}
