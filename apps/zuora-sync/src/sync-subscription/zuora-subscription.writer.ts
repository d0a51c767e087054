import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type LocalSubscription,
  newPlatformId,
  reconcileZuoraSubscription,
  type SubscriptionStatus,
  type ZuoraSnapshot,
} from '@subsync/domain';
import type { SyncOutcome } from '@subsync/messaging';
import {
  applySchedule,
  CustomerAccountEntity,
  CustomerEntity,
  loadAddresses,
  loadCatalogMappings,
  loadOffers,
  loadSchedule,
  OwnerIdentityEntity,
  saveAddresses,
  saveOffers,
  SubscriptionEntity,
} from '@subsync/persistence';

/** What zuora-sync fetched; the catalog mappings are read inside the transaction. */
export type ZuoraFetched = Omit<ZuoraSnapshot, 'mappings'>;

interface Owner {
  customerId: string;
  ownerId: string;
}

/** Applies a Zuora snapshot to the local records: update in place, or import when unknown. */
@Injectable()
export class ZuoraSubscriptionWriter {
  async apply(manager: EntityManager, fetched: ZuoraFetched, now: Date): Promise<SyncOutcome> {
    const remote = fetched.subscription;
    const existing = await manager
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.zuora_subscription_number = :number', { number: remote.subscriptionNumber })
      .setLock('pessimistic_write')
      .getOne();

    if (
      existing !== null &&
      existing.zuoraVersion !== null &&
      remote.version < existing.zuoraVersion
    ) {
      // A newer version was applied meanwhile; an older snapshot must not roll it back.
      return {
        status: 'succeeded',
        subscriptionId: existing.id,
        ownerId: existing.ownerId,
        changes: [],
      };
    }

    const mappings = await loadCatalogMappings(
      manager,
      remote.ratePlans.map((plan) => plan.productRatePlanId),
    );
    const local = existing === null ? null : await this.loadLocal(manager, existing);
    const { next, schedule, changes } = reconcileZuoraSubscription(
      local,
      { ...fetched, mappings },
      now,
    );

    const owner = existing ?? (await this.findOrCreateOwner(manager, fetched));
    await manager.getRepository(CustomerEntity).update({ id: owner.customerId }, next.customer);
    await this.linkAccounts(manager, owner.customerId, fetched);

    const fields = {
      status: next.terms.status,
      termStart: next.terms.termStart,
      termEnd: next.terms.termEnd,
      autoRenew: next.terms.autoRenew,
      zuoraSubscriptionId: remote.id,
      zuoraAccountNumber: remote.accountNumber,
      zuoraVersion: remote.version,
      lastSyncedAt: now,
    };
    const subscriptionId = existing?.id ?? newPlatformId('sub');
    if (existing !== null) {
      await manager.getRepository(SubscriptionEntity).update({ id: subscriptionId }, fields);
    } else {
      await manager.getRepository(SubscriptionEntity).insert({
        ...fields,
        id: subscriptionId,
        reference: remote.subscriptionNumber,
        source: 'zuora',
        imported: true,
        ownerId: owner.ownerId,
        customerId: owner.customerId,
        zuoraSubscriptionNumber: remote.subscriptionNumber,
      });
    }
    await saveAddresses(manager, subscriptionId, next.addresses);
    await saveOffers(manager, subscriptionId, next.offers);
    await applySchedule(manager, subscriptionId, schedule);
    return { status: 'succeeded', subscriptionId, ownerId: owner.ownerId, changes };
  }

  private async loadLocal(
    manager: EntityManager,
    subscription: SubscriptionEntity,
  ): Promise<LocalSubscription> {
    const customer = await manager
      .getRepository(CustomerEntity)
      .findOneByOrFail({ id: subscription.customerId });
    return {
      terms: {
        status: subscription.status as SubscriptionStatus,
        termStart: subscription.termStart,
        termEnd: subscription.termEnd,
        autoRenew: subscription.autoRenew,
      },
      customer: { name: customer.name, email: customer.email },
      addresses: await loadAddresses(manager, subscription.id),
      offers: await loadOffers(manager, subscription.id),
      schedule: await loadSchedule(manager, subscription.id),
    };
  }

  /** An account's subscriptions share one customer and one owner identity. */
  private async findOrCreateOwner(manager: EntityManager, snapshot: ZuoraFetched): Promise<Owner> {
    const accountNumber = snapshot.subscription.accountNumber;
    const identity = await manager
      .getRepository(OwnerIdentityEntity)
      .findOneBy({ issuer: 'zuora', subject: accountNumber });
    if (identity !== null) return { customerId: identity.customerId, ownerId: identity.id };

    const linked = await manager
      .getRepository(CustomerAccountEntity)
      .findOneBy({ service: 'zuora', externalId: accountNumber });
    const customerId = linked?.customerId ?? newPlatformId('cus');
    if (linked === null) {
      await manager
        .getRepository(CustomerEntity)
        .insert({ id: customerId, name: null, email: null });
    }
    const ownerId = newPlatformId('id');
    await manager
      .getRepository(OwnerIdentityEntity)
      .insert({ id: ownerId, customerId, issuer: 'zuora', subject: accountNumber });
    return { customerId, ownerId };
  }

  /** Records the customer's Zuora account and, when Zuora holds a CRM id, its Salesforce account. */
  private async linkAccounts(
    manager: EntityManager,
    customerId: string,
    snapshot: ZuoraFetched,
  ): Promise<void> {
    const links: Pick<CustomerAccountEntity, 'service' | 'externalId' | 'customerId'>[] = [
      { service: 'zuora', externalId: snapshot.subscription.accountNumber, customerId },
    ];
    const crmId = snapshot.account.basicInfo.crmId?.trim();
    if (crmId) links.push({ service: 'salesforce', externalId: crmId, customerId });
    await manager
      .createQueryBuilder()
      .insert()
      .into(CustomerAccountEntity)
      .values(links)
      .orIgnore()
      .execute();
  }
}
