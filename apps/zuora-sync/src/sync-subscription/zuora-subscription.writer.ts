import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CustomerContact,
  decideSnapshot,
  type LocalSubscription,
  reconcileZuoraSubscription,
  type SubscriptionStatus,
  type ZuoraAccount,
  type ZuoraSnapshot,
} from '@subsync/domain';
import type { SyncOutcome } from '@subsync/domain';
import { type ApplyContext, StaleSnapshotError } from '@subsync/sync';
import {
  applySchedule,
  CustomerEntity,
  loadAddresses,
  loadCatalogMappings,
  loadOffers,
  loadSchedule,
  findOrCreateOwner,
  linkCustomerAccounts,
  saveAddresses,
  saveOffers,
  saveSyncedSubscription,
  SubscriptionEntity,
} from '@subsync/persistence';

/**
 * What zuora-sync fetched for one subscription; the catalog mappings are read inside the
 * transaction. An account sync passes the account it fetched once for all its subscriptions.
 */
export type ZuoraFetched = Omit<ZuoraSnapshot, 'mappings'>;

/**
 * Gives the customer the account's contact and records its identities: the Zuora account and,
 * when Zuora holds a CRM id, the customer's Salesforce account.
 */
export async function saveZuoraCustomer(
  manager: EntityManager,
  customerId: string,
  account: ZuoraAccount,
  contact: CustomerContact,
): Promise<void> {
  await manager.getRepository(CustomerEntity).update({ id: customerId }, contact);
  const crmId = account.basicInfo.crmId?.trim();
  await linkCustomerAccounts(manager, customerId, [
    { service: 'zuora', id: account.basicInfo.accountNumber },
    ...(crmId ? [{ service: 'salesforce' as const, id: crmId }] : []),
  ]);
}

/** Applies a Zuora snapshot to the local records: update in place, or import when unknown. */
@Injectable()
export class ZuoraSubscriptionWriter {
  async apply(
    manager: EntityManager,
    fetched: ZuoraFetched,
    context: ApplyContext,
  ): Promise<SyncOutcome> {
    const { now } = context;
    const remote = fetched.subscription;
    const existing = await manager
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.zuora_subscription_number = :number', { number: remote.subscriptionNumber })
      .setLock('pessimistic_write')
      .getOne();

    if (existing !== null) {
      const decision = decideSnapshot(
        { appliedAt: existing.lastSyncedAt, version: existing.zuoraVersion },
        { fetchStartedAt: context.fetchStartedAt, version: remote.version },
      );
      if (decision.kind === 'refetch') throw new StaleSnapshotError(decision.reason);
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

    const owner =
      existing ??
      (await findOrCreateOwner(manager, { service: 'zuora', id: remote.accountNumber }));
    await saveZuoraCustomer(manager, owner.customerId, fetched.account, next.customer);

    const subscriptionId = await saveSyncedSubscription(manager, existing, {
      terms: next.terms,
      syncedAt: context.transactionStartedAt,
      upstream: {
        zuoraSubscriptionId: remote.id,
        zuoraAccountNumber: remote.accountNumber,
        zuoraVersion: remote.version,
      },
      onImport: {
        reference: remote.subscriptionNumber,
        source: 'zuora',
        owner,
        key: { zuoraSubscriptionNumber: remote.subscriptionNumber },
      },
    });
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
}
