import { Injectable } from '@nestjs/common';
import {
  reconcileZuoraAccount,
  rollUpZuoraAccount,
  type SyncOutcome,
  type ZuoraAccount,
  type ZuoraAccountPaymentMethods,
  type ZuoraSubscription,
} from '@subsync/domain';
import type { SyncStore } from '@subsync/persistence';
import type { ApplyContext, ApplyItem, StaleSnapshotError, SyncWriter } from '@subsync/sync';
import {
  zuoraAccountLinks,
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
 * cards, then its subscriptions through the subscription writer. If any of its subscriptions was
 * written by another sync after this fetch began, nothing of the account is written and it is
 * fetched again.
 *
 * Changes: the account's own as `customer.<field>` and `paymentMethods.<id>…`; each
 * subscription's prefixed with its number (`A-S00000271.subscription.status`). The customer's
 * contact is reported once, at account level, not again by every subscription.
 */
@Injectable()
export class ZuoraAccountWriter implements SyncWriter<ZuoraAccountFetched> {
  constructor(private readonly subscriptions: ZuoraSubscriptionWriter) {}

  /** Accounts are rare (hot sync at login): one after another, each with its subscriptions at once. */
  async applyAll(
    store: SyncStore,
    items: readonly ApplyItem<ZuoraAccountFetched>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    for (const item of items) results.push(await this.apply(store, item, context));
    return results;
  }

  private async apply(
    store: SyncStore,
    item: ApplyItem<ZuoraAccountFetched>,
    context: ApplyContext,
  ): Promise<SyncOutcome | StaleSnapshotError> {
    const { account } = item.snapshot;
    // By number, so that concurrent syncs lock the subscriptions in the same order.
    const ordered = [...item.snapshot.subscriptions].sort((a, b) =>
      a.subscriptionNumber.localeCompare(b.subscriptionNumber),
    );
    const { plans, stale } = await this.subscriptions.plan(
      store,
      ordered.map((subscription) => ({
        snapshot: { subscription, account },
        fetchStartedAt: item.fetchStartedAt,
      })),
      context.now,
    );
    const firstStale = [...stale.values()][0];
    if (firstStale !== undefined) return firstStale;

    const accountNumber = account.basicInfo.accountNumber;
    // A new customer starts empty, so its contact shows among the changes like any other.
    const empty = { name: null, email: null };
    const owner = (
      await store.findOrCreateOwners('zuora', [{ id: accountNumber, contact: empty }])
    ).get(accountNumber)!;
    const reconciled = reconcileZuoraAccount(
      {
        contact: await store.loadCustomerContact(owner.customerId),
        cards: await store.loadCustomerCards(owner.customerId, 'zuora'),
      },
      item.snapshot,
    );
    await store.updateCustomerContacts([
      { customerId: owner.customerId, contact: reconciled.contact },
    ]);
    await store.linkAccounts(zuoraAccountLinks(owner.customerId, account));
    await store.saveCustomerCards(
      { customerId: owner.customerId, provider: 'zuora' },
      reconciled.cards,
    );

    const outcomes = await this.subscriptions.write(store, plans, context);
    return rollUpZuoraAccount(
      owner.ownerId,
      reconciled.changes,
      plans.map((plan) => ({
        subscriptionNumber: plan.snapshot.subscription.subscriptionNumber,
        outcome: outcomes.get(plan.index)!,
      })),
    );
  }
}
