import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  diffCustomerCards,
  diffFields,
  type FieldChange,
  mapZuoraCustomer,
  mapZuoraPaymentMethods,
  type ZuoraAccount,
  type ZuoraAccountPaymentMethods,
  type ZuoraSubscription,
} from '@subsync/domain';
import type { SyncOutcome } from '@subsync/domain';
import type { ApplyContext } from '@subsync/sync';
import {
  CustomerEntity,
  findOrCreateOwner,
  loadCustomerCards,
  saveCustomerCards,
} from '@subsync/persistence';
import {
  saveZuoraCustomer,
  ZuoraSubscriptionWriter,
} from '../sync-subscription/zuora-subscription.writer';

/** What zuora-sync fetched for one account. */
export interface ZuoraAccountFetched {
  account: ZuoraAccount;
  /** The latest version of every subscription of the account. */
  subscriptions: ZuoraSubscription[];
  paymentMethods: ZuoraAccountPaymentMethods;
}

/**
 * Applies a Zuora account to the local records: its customer, owner identity, identities and
 * cards, then each of its subscriptions through the subscription writer.
 *
 * Changes: the account's own as `customer.<field>` and `paymentMethods.<id>…`; each
 * subscription's prefixed with its number (`A-S00000271.subscription.status`). The customer's
 * contact is reported once, at account level, not again by every subscription.
 */
@Injectable()
export class ZuoraAccountWriter {
  constructor(private readonly subscriptions: ZuoraSubscriptionWriter) {}

  async apply(
    manager: EntityManager,
    fetched: ZuoraAccountFetched,
    context: ApplyContext,
  ): Promise<SyncOutcome> {
    const { account } = fetched;
    const owner = await findOrCreateOwner(manager, {
      service: 'zuora',
      id: account.basicInfo.accountNumber,
    });
    const customer = await manager
      .getRepository(CustomerEntity)
      .findOneByOrFail({ id: owner.customerId });
    const contact = mapZuoraCustomer(account);
    const changes: FieldChange[] = diffFields(
      'customer',
      { name: customer.name, email: customer.email },
      contact,
    );
    await saveZuoraCustomer(manager, owner.customerId, account, contact);

    const cards = mapZuoraPaymentMethods(fetched.paymentMethods);
    const storedCards = await loadCustomerCards(manager, owner.customerId, 'zuora');
    changes.push(...diffCustomerCards(storedCards, cards));
    await saveCustomerCards(manager, { customerId: owner.customerId, service: 'zuora' }, cards);

    // By number, so that concurrent syncs lock the subscriptions in the same order.
    const ordered = [...fetched.subscriptions].sort((a, b) =>
      a.subscriptionNumber.localeCompare(b.subscriptionNumber),
    );
    for (const subscription of ordered) {
      const outcome = await this.subscriptions.apply(manager, { subscription, account }, context);
      if (outcome.status !== 'succeeded') return outcome;
      changes.push(
        ...outcome.changes
          .filter((change) => !change.field.startsWith('customer.'))
          .map((change) => ({
            ...change,
            field: `${subscription.subscriptionNumber}.${change.field}`,
          })),
      );
    }
    return { status: 'succeeded', subscriptionId: null, ownerId: owner.ownerId, changes };
  }
}
