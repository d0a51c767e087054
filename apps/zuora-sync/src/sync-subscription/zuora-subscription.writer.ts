import { Injectable } from '@nestjs/common';
import {
  reconcileZuoraSubscription,
  sameValue,
  type SyncedState,
  type SyncOutcome,
  type ZuoraAccount,
  type ZuoraSnapshot,
} from '@subsync/domain';
import type { SyncStore } from '@subsync/persistence';
import {
  type ApplyContext,
  type ApplyItem,
  planSubscriptionSnapshots,
  type StaleSnapshotError,
  type SubscriptionPlan,
  type SubscriptionSnapshotWriting,
  type SyncWriter,
  writeSubscriptionPlans,
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

/** What one Zuora snapshot will write, decided before anything is written. */
export interface ZuoraSubscriptionPlan extends SubscriptionPlan<ZuoraFetched> {
  next: SyncedState;
}

/**
 * Zuora's part of writing subscription snapshots: terms, the charge schedule, addresses, offers
 * (through the catalog mappings, read in the transaction), the customer's name and email and its
 * identities (the account and its CRM id).
 */
function zuoraWriting(
  mappings: Promise<ZuoraSnapshot['mappings']>,
): SubscriptionSnapshotWriting<ZuoraFetched, ZuoraSubscriptionPlan> {
  return {
    provider: 'zuora',
    identify: (snapshot) => ({
      key: snapshot.subscription.subscriptionNumber,
      version: snapshot.subscription.version,
    }),
    async decide(snapshot, existing, { now }) {
      const reconciled = reconcileZuoraSubscription(
        existing?.local ?? null,
        { ...snapshot, mappings: await mappings },
        now,
      );
      return { ...reconciled, terms: reconciled.next.terms };
    },
    account: (plan) => ({
      id: plan.snapshot.subscription.accountNumber,
      contact: plan.next.customer,
    }),
    refreshesContacts: true,
    links: (plan, customerId) => zuoraAccountLinks(customerId, plan.snapshot.account),
    details(plan) {
      const remote = plan.snapshot.subscription;
      const local = plan.existing?.local ?? null;
      return {
        references: [
          { kind: 'subscription-alias', value: remote.id },
          { kind: 'account', value: remote.accountNumber },
        ],
        version: remote.version,
        ...(local !== null && sameValue(local.addresses, plan.next.addresses)
          ? {}
          : { addresses: plan.next.addresses }),
        ...(local !== null && sameValue(local.offers, plan.next.offers)
          ? {}
          : { offers: plan.next.offers }),
      };
    },
  };
}

/** For writing plans already made: only `decide` (run while planning) reads the mappings. */
const ZUORA_WRITING = zuoraWriting(Promise.resolve(new Map()));

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
    // Asked for without waiting: the lock that planning starts with goes out behind it, and the
    // two share a round trip. Awaited where a snapshot is decided (a failure surfaces there, or,
    // with every snapshot stale, in the statements after it in the aborted transaction).
    const mappings = store.loadCatalogMappings(
      items.flatMap((item) => item.snapshot.subscription.ratePlans.map((p) => p.productRatePlanId)),
    );
    mappings.catch(() => undefined);
    return planSubscriptionSnapshots(store, items, now, zuoraWriting(mappings));
  }

  /** Writes what the plans decided; the outcome of each, by its index. */
  write(
    store: SyncStore,
    plans: readonly ZuoraSubscriptionPlan[],
    context: ApplyContext,
  ): Promise<Map<number, SyncOutcome>> {
    return writeSubscriptionPlans(store, plans, context, ZUORA_WRITING);
  }
}
