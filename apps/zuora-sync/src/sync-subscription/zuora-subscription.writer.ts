import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  newPlatformId,
  reconcileZuoraSubscription,
  type SyncedState,
  type ZuoraSnapshot,
} from '@subsync/domain';
import type { SyncOutcome } from '@subsync/messaging';
import {
  CustomerAccountEntity,
  CustomerEntity,
  OwnerIdentityEntity,
  SubscriptionEntity,
} from '@subsync/persistence';

interface Owner {
  customerId: string;
  ownerId: string;
}

/** Applies a Zuora snapshot to the local records: update in place, or import when unknown. */
@Injectable()
export class ZuoraSubscriptionWriter {
  async apply(manager: EntityManager, snapshot: ZuoraSnapshot, now: Date): Promise<SyncOutcome> {
    const remote = snapshot.subscription;
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

    const customer =
      existing === null
        ? null
        : await manager.getRepository(CustomerEntity).findOneByOrFail({ id: existing.customerId });
    const local: SyncedState | null =
      existing === null || customer === null
        ? null
        : {
            terms: {
              status: existing.status as SyncedState['terms']['status'],
              termStart: existing.termStart,
              termEnd: existing.termEnd,
              autoRenew: existing.autoRenew,
            },
            customer: { name: customer.name, email: customer.email },
          };
    const { next, changes } = reconcileZuoraSubscription(local, snapshot, now);

    const owner = existing ?? (await this.findOrCreateOwner(manager, snapshot));
    const ownerRef: Owner = { customerId: owner.customerId, ownerId: owner.ownerId };
    await manager.getRepository(CustomerEntity).update({ id: ownerRef.customerId }, next.customer);
    await this.linkAccounts(manager, ownerRef.customerId, snapshot);

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
    let subscriptionId: string;
    if (existing !== null) {
      await manager.getRepository(SubscriptionEntity).update({ id: existing.id }, fields);
      subscriptionId = existing.id;
    } else {
      subscriptionId = newPlatformId('sub');
      await manager.getRepository(SubscriptionEntity).insert({
        ...fields,
        id: subscriptionId,
        reference: remote.subscriptionNumber,
        source: 'zuora',
        imported: true,
        ownerId: ownerRef.ownerId,
        customerId: ownerRef.customerId,
        zuoraSubscriptionNumber: remote.subscriptionNumber,
      });
    }
    return { status: 'succeeded', subscriptionId, ownerId: ownerRef.ownerId, changes };
  }

  /** An account's subscriptions share one customer and one owner identity. */
  private async findOrCreateOwner(manager: EntityManager, snapshot: ZuoraSnapshot): Promise<Owner> {
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
    snapshot: ZuoraSnapshot,
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
