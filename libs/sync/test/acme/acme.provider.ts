import {
  diffFields,
  type Envelope,
  type FieldChange,
  type Fetched,
  fetchFailed,
  isUpstreamSubscriptionId,
  newPlatformId,
  type PlannedCharge,
  reconcileSchedule,
  type ScheduleReconciliation,
  type SubscriptionStatus,
  type SubscriptionTerms,
  type SyncOutcome,
  type SyncRequested,
} from '@subsync/domain';
import type {
  Owner,
  StoredSubscription,
  SyncedSubscriptionWrite,
  SyncReads,
  SyncStore,
} from '@subsync/persistence';
import {
  type ApplyContext,
  type ApplyItem,
  type FetchContext,
  localSubscriptionFor,
  lockFreshSnapshots,
  type StaleSnapshotError,
  type SyncProvider,
  type SyncWriter,
} from '../../src';
import './acme.registry';
import { AcmeApiError, type AcmeApi, type AcmeSubscription } from './acme-upstream';

// Acme's part of a sync, built as the Stripe sync is (apps/stripe-sync/src/sync-subscription):
// a provider that fetches through the libs/sync prelude, and a writer that goes through the
// store port and the domain's reconcile helpers. Nothing here is known to the shared code.

export interface AcmeSnapshot {
  subscription: AcmeSubscription;
}

const STATUSES: Record<AcmeSubscription['state'], SubscriptionStatus> = {
  live: 'active',
  paused: 'suspended',
  ended: 'expired',
};

/** Acme's subscription as the platform's terms. */
export function acmeTerms(subscription: AcmeSubscription): SubscriptionTerms {
  return {
    status: STATUSES[subscription.state],
    termStart: subscription.startsOn,
    termEnd: subscription.endsOn,
    autoRenew: subscription.renews,
  };
}

/** The schedule Acme implies: its next charge, keyed by subscription and date. */
function acmePlan(subscription: AcmeSubscription): PlannedCharge[] {
  const charge = subscription.nextCharge;
  if (charge === null) return [];
  return [
    {
      sourceKey: `${subscription.id}@${charge.on}`,
      date: charge.on,
      amount: charge.amount,
      currency: charge.currency,
      description: 'Acme subscription',
    },
  ];
}

interface AcmePlan {
  index: number;
  snapshot: AcmeSnapshot;
  existing: StoredSubscription | null;
  terms: SubscriptionTerms;
  schedule: ScheduleReconciliation;
  changes: FieldChange[];
}

/** Applies Acme snapshots: terms and schedule; an import's customer starts with Acme's contact. */
export class AcmeSubscriptionWriter implements SyncWriter<AcmeSnapshot> {
  async applyAll(
    store: SyncStore,
    items: readonly ApplyItem<AcmeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const { stored, stale } = await lockFreshSnapshots(store, 'acme', items, (snapshot) => ({
      key: snapshot.subscription.id,
      version: snapshot.subscription.revision,
    }));
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    const plans: AcmePlan[] = [];
    const today = context.now.toISOString().slice(0, 10);
    for (const [index, { snapshot }] of items.entries()) {
      const staleSnapshot = stale.get(index);
      if (staleSnapshot !== undefined) {
        results[index] = staleSnapshot;
        continue;
      }
      const existing = stored.get(snapshot.subscription.id) ?? null;
      const terms = acmeTerms(snapshot.subscription);
      const schedule = reconcileSchedule(
        existing?.local.schedule ?? [],
        acmePlan(snapshot.subscription),
        today,
      );
      const changes = [
        ...diffFields('subscription', existing?.local.terms ?? null, terms),
        ...schedule.changes,
      ];
      plans.push({ index, snapshot, existing, terms, schedule, changes });
    }

    const owners = await store.findOrCreateOwners(
      'acme',
      plans
        .filter((plan) => plan.existing === null)
        .map(({ snapshot: { subscription } }) => ({
          id: subscription.customer.id,
          contact: { name: subscription.customer.name, email: subscription.customer.email },
        })),
    );
    const ownerOf = (plan: AcmePlan): Owner =>
      plan.existing ?? owners.get(plan.snapshot.subscription.customer.id)!;
    await store.linkAccounts(
      plans.map((plan) => ({
        customerId: ownerOf(plan).customerId,
        service: 'acme' as const,
        id: plan.snapshot.subscription.customer.id,
      })),
    );
    const writes: SyncedSubscriptionWrite[] = plans.map((plan) => ({
      id: plan.existing?.id ?? newPlatformId('sub'),
      terms: plan.terms,
      syncedAt: context.transactionStartedAt,
      references: [],
      version: plan.snapshot.subscription.revision,
      ...(plan.existing === null
        ? {
            import: {
              reference: plan.snapshot.subscription.id,
              owner: ownerOf(plan),
              key: plan.snapshot.subscription.id,
            },
          }
        : {}),
      schedule: plan.schedule,
    }));
    await store.writeSubscriptions('acme', writes);
    for (const [i, plan] of plans.entries()) {
      results[plan.index] = {
        status: 'succeeded',
        subscriptionId: writes[i]!.id,
        ownerId: ownerOf(plan).ownerId,
        changes: plan.changes,
      };
    }
    return results;
  }
}

/** Syncs one subscription from Acme: resolve the id, fetch the subscription, let the writer apply it. */
export class AcmeSyncProvider implements SyncProvider<AcmeSnapshot> {
  readonly source = 'acme-sync';
  readonly writer = new AcmeSubscriptionWriter();

  constructor(
    private readonly reads: Pick<SyncReads, 'findSubscription'>,
    private readonly acme: AcmeApi,
  ) {}

  async fetch(
    request: Envelope<SyncRequested>,
    context: FetchContext,
  ): Promise<Fetched<AcmeSnapshot>> {
    const { ref } = request.data;
    const found = await localSubscriptionFor('acme', request, context, this.reads);
    if ('failed' in found) return found.failed;
    const { local } = found;
    const acmeId = local?.key ?? (isUpstreamSubscriptionId('acme', ref) ? ref : null);
    if (acmeId === null) {
      return fetchFailed(
        'NOT_FOUND',
        `No subscription ${ref} exists on the platform, and it is not an Acme subscription id`,
      );
    }
    try {
      const subscription = await this.acme.getSubscription(acmeId, { signal: context.signal });
      return { ok: true, snapshot: { subscription } };
    } catch (error) {
      if (!(error instanceof AcmeApiError)) throw error;
      return fetchFailed(`ACME_${error.code}`, `Acme request failed: ${error.message}`);
    }
  }
}
