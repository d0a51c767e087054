import {
  diffFields,
  type Envelope,
  type Fetched,
  fetchFailed,
  isUpstreamSubscriptionId,
  type PlannedCharge,
  reconcileSchedule,
  type SubscriptionStatus,
  type SubscriptionTerms,
  type SyncOutcome,
  type SyncRequested,
} from '@subsync/domain';
import type { SyncReads, SyncStore } from '@subsync/persistence';
import {
  type ApplyContext,
  type ApplyItem,
  applySubscriptionSnapshots,
  type FetchContext,
  localSubscriptionFor,
  type StaleSnapshotError,
  type SubscriptionPlan,
  type SubscriptionSnapshotWriting,
  type SyncProvider,
  type SyncWriter,
} from '../../src';
import './acme.registry';
import { AcmeApiError, type AcmeApi, type AcmeSubscription } from './acme-upstream';

// Acme's part of a sync, built as the Stripe sync is (apps/stripe-sync/src/sync-subscription):
// a provider that fetches through the libs/sync prelude, and a writer that gives the shared
// subscription write step (libs/sync subscription-snapshots) what only Acme knows, with the
// domain's reconcile helpers. Nothing here is known to the shared code.

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

/** Acme's part of writing subscription snapshots: terms, schedule, the billing account. */
const ACME_WRITING: SubscriptionSnapshotWriting<AcmeSnapshot, SubscriptionPlan<AcmeSnapshot>> = {
  provider: 'acme',
  identify: ({ subscription }) => ({ key: subscription.id, version: subscription.revision }),
  decide({ subscription }, existing, { now }) {
    const terms = acmeTerms(subscription);
    const schedule = reconcileSchedule(
      existing?.local.schedule ?? [],
      acmePlan(subscription),
      now.toISOString().slice(0, 10),
    );
    const changes = [
      ...diffFields('subscription', existing?.local.terms ?? null, terms),
      ...schedule.changes,
    ];
    return Promise.resolve({ terms, schedule, changes });
  },
  account: ({ snapshot: { subscription } }) => ({
    id: subscription.customer.id,
    contact: { name: subscription.customer.name, email: subscription.customer.email },
  }),
  refreshesContacts: false,
  details: ({ snapshot: { subscription } }) => ({
    references: [{ kind: 'account', value: subscription.customer.id }],
    version: subscription.revision,
  }),
};

/** Applies Acme snapshots: terms and schedule; an import's customer starts with Acme's contact. */
export class AcmeSubscriptionWriter implements SyncWriter<AcmeSnapshot> {
  applyAll(
    store: SyncStore,
    items: readonly ApplyItem<AcmeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    return applySubscriptionSnapshots(store, items, context, ACME_WRITING);
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
