import { Injectable } from '@nestjs/common';
import {
  type FieldChange,
  newPlatformId,
  reconcileZuoraSubscription,
  sameValue,
  type ScheduleReconciliation,
  type SyncedState,
  type SyncOutcome,
  type ZuoraAccount,
  type ZuoraSnapshot,
} from '@subsync/domain';
import type {
  Owner,
  StoredSubscription,
  SyncedSubscriptionWrite,
  SyncStore,
} from '@subsync/persistence';
import {
  type ApplyContext,
  type ApplyItem,
  lockFreshSnapshots,
  type StaleSnapshotError,
  type SyncWriter,
} from '@subsync/sync';

/**
 * What zuora-sync fetched for one subscription; the catalog mappings are read inside the
 * transaction. An account sync passes the account it fetched once for all its subscriptions.
 */
export type ZuoraFetched = Omit<ZuoraSnapshot, 'mappings'>;

/** The customer's identities a Zuora account names: the account and, with a CRM id, Salesforce. */
export function zuoraAccountLinks(
  customerId: string,
  account: ZuoraAccount,
): { customerId: string; service: 'zuora' | 'salesforce'; id: string }[] {
  const crmId = account.basicInfo.crmId?.trim();
  return [
    { customerId, service: 'zuora', id: account.basicInfo.accountNumber },
    ...(crmId ? [{ customerId, service: 'salesforce' as const, id: crmId }] : []),
  ];
}

/** What one snapshot will write, decided before anything is written. */
export interface ZuoraSubscriptionPlan {
  index: number;
  snapshot: ZuoraFetched;
  existing: StoredSubscription | null;
  next: SyncedState;
  schedule: ScheduleReconciliation;
  changes: FieldChange[];
}

/**
 * Applies Zuora snapshots to the local records, many at once: each subscription is updated in
 * place, or imported when unknown (with its customer and owner identity). The writes of all of
 * them share a handful of statements. Planning (lock, read, decide, reconcile) comes before any
 * write, so a caller can give up on a set of snapshots (an account with a stale one) cleanly.
 */
@Injectable()
export class ZuoraSubscriptionWriter implements SyncWriter<ZuoraFetched> {
  async applyAll(
    store: SyncStore,
    items: readonly ApplyItem<ZuoraFetched>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const { plans, stale } = await this.plan(store, items, context.now);
    const outcomes = await this.write(store, plans, context);
    return items.map((_item, index) => stale.get(index) ?? outcomes.get(index)!);
  }

  /**
   * Locks the stored subscriptions, and decides for each snapshot what it changes, or that it is
   * stale: another sync committed after its fetch began, or another snapshot of the same
   * subscription is in this set (the later fetch is kept; the earlier one is fetched again).
   */
  async plan(
    store: SyncStore,
    items: readonly ApplyItem<ZuoraFetched>[],
    now: Date,
  ): Promise<{ plans: ZuoraSubscriptionPlan[]; stale: Map<number, StaleSnapshotError> }> {
    const { stored, stale } = await lockFreshSnapshots(store, 'zuora', items, (snapshot) => ({
      key: snapshot.subscription.subscriptionNumber,
      version: snapshot.subscription.version,
    }));
    const mappings = await store.loadCatalogMappings(
      items.flatMap((item) => item.snapshot.subscription.ratePlans.map((p) => p.productRatePlanId)),
    );
    const plans = items.flatMap((item, index): ZuoraSubscriptionPlan[] => {
      if (stale.has(index)) return [];
      const existing = stored.get(item.snapshot.subscription.subscriptionNumber) ?? null;
      const reconciled = reconcileZuoraSubscription(
        existing?.local ?? null,
        { ...item.snapshot, mappings },
        now,
      );
      return [{ index, snapshot: item.snapshot, existing, ...reconciled }];
    });
    return { plans, stale };
  }

  /** Writes what the plans decided; the outcome of each, by its index. */
  async write(
    store: SyncStore,
    plans: readonly ZuoraSubscriptionPlan[],
    context: ApplyContext,
  ): Promise<Map<number, SyncOutcome>> {
    const owners = await store.findOrCreateOwners(
      'zuora',
      plans
        .filter((plan) => plan.existing === null)
        .map((plan) => ({
          id: plan.snapshot.subscription.accountNumber,
          contact: plan.next.customer,
        })),
    );
    const ownerOf = (plan: ZuoraSubscriptionPlan): Owner =>
      plan.existing ?? owners.get(plan.snapshot.subscription.accountNumber)!;
    await store.updateCustomerContacts(
      plans.map((plan) => ({ customerId: ownerOf(plan).customerId, contact: plan.next.customer })),
    );
    await store.linkAccounts(
      plans.flatMap((plan) => zuoraAccountLinks(ownerOf(plan).customerId, plan.snapshot.account)),
    );
    const writes: SyncedSubscriptionWrite[] = plans.map((plan) => {
      const remote = plan.snapshot.subscription;
      const local = plan.existing?.local ?? null;
      return {
        id: plan.existing?.id ?? newPlatformId('sub'),
        terms: plan.next.terms,
        syncedAt: context.transactionStartedAt,
        references: [
          { kind: 'subscription-alias', value: remote.id },
          { kind: 'account', value: remote.accountNumber },
        ],
        version: remote.version,
        ...(plan.existing === null
          ? {
              import: {
                reference: remote.subscriptionNumber,
                owner: ownerOf(plan),
                key: remote.subscriptionNumber,
              },
            }
          : {}),
        ...(local !== null && sameValue(local.addresses, plan.next.addresses)
          ? {}
          : { addresses: plan.next.addresses }),
        ...(local !== null && sameValue(local.offers, plan.next.offers)
          ? {}
          : { offers: plan.next.offers }),
        schedule: plan.schedule,
      };
    });
    await store.writeSubscriptions('zuora', writes);
    return new Map(
      plans.map((plan, i) => [
        plan.index,
        {
          status: 'succeeded',
          subscriptionId: writes[i]!.id,
          ownerId: ownerOf(plan).ownerId,
          changes: plan.changes,
        },
      ]),
    );
  }
}
