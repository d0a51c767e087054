import {
  type CustomerContact,
  type FieldChange,
  newPlatformId,
  type Provider,
  type ScheduleReconciliation,
  type SubscriptionTerms,
  type SyncOutcome,
} from '@subsync/domain';
import type {
  AccountLink,
  Owner,
  StoredSubscription,
  SyncedSubscriptionWrite,
  SyncStore,
} from '@subsync/persistence';
import { lockFreshSnapshots, type SnapshotIdentity } from './fresh-snapshots';
import type { ApplyContext, ApplyItem, StaleSnapshotError } from './sync-provider';

/** What one fresh snapshot will write, decided before anything is written. */
export interface SubscriptionPlan<TSnapshot> {
  /** The snapshot's place among the items the writer was given. */
  index: number;
  snapshot: TSnapshot;
  /** The stored subscription it updates; null when it is imported. */
  existing: StoredSubscription | null;
  terms: SubscriptionTerms;
  schedule: ScheduleReconciliation;
  changes: FieldChange[];
}

/** What a plan holds besides what the shared step fills in. */
export type PlanDecision<TPlan> = Omit<TPlan, 'index' | 'snapshot' | 'existing'>;

/**
 * What only the provider knows about writing its subscription snapshots; the steps around it
 * (lock, stale check, owners, account links, rows, outcomes) are the same for every provider.
 */
export interface SubscriptionSnapshotWriting<TSnapshot, TPlan extends SubscriptionPlan<TSnapshot>> {
  readonly provider: Provider;
  /** The subscription's key upstream (an import's platform reference too), and its version. */
  identify(snapshot: TSnapshot): SnapshotIdentity;
  /**
   * Reconciles a fresh snapshot with what is stored of it (null: it is imported), reading what
   * else it needs through the store of the transaction.
   */
  decide(
    snapshot: TSnapshot,
    existing: StoredSubscription | null,
    context: { store: SyncStore; now: Date },
  ): Promise<PlanDecision<TPlan>>;
  /** The billing account the subscription is in, and the contact a new customer starts with. */
  account(plan: TPlan): { id: string; contact: CustomerContact };
  /** True when a known customer's name and email follow upstream; false leaves them alone. */
  readonly refreshesContacts: boolean;
  /** The customer's identities the snapshot names (by default, its billing account). */
  links?(plan: TPlan, customerId: string): AccountLink[];
  /** What is written besides terms and schedule: references, version, addresses, offers. */
  details(
    plan: TPlan,
  ): Pick<SyncedSubscriptionWrite, 'references' | 'version' | 'addresses' | 'offers'>;
  /** Runs once the subscription rows are written (its card on file, say). */
  afterWrite?(
    store: SyncStore,
    plan: TPlan,
    written: { subscriptionId: string; owner: Owner },
  ): Promise<void>;
}

/**
 * Locks the stored subscriptions the snapshots name and plans the fresh ones; the stale ones
 * (see {@link lockFreshSnapshots}) are set aside, by index, to be fetched again.
 */
export async function planSubscriptionSnapshots<
  TSnapshot,
  TPlan extends SubscriptionPlan<TSnapshot>,
>(
  store: SyncStore,
  items: readonly ApplyItem<TSnapshot>[],
  now: Date,
  writing: SubscriptionSnapshotWriting<TSnapshot, TPlan>,
): Promise<{ plans: TPlan[]; stale: Map<number, StaleSnapshotError> }> {
  const { stored, stale } = await lockFreshSnapshots(store, writing.provider, items, (snapshot) =>
    writing.identify(snapshot),
  );
  const plans: TPlan[] = [];
  for (const [index, { snapshot }] of items.entries()) {
    if (stale.has(index)) continue;
    const existing = stored.get(writing.identify(snapshot).key) ?? null;
    const decision = await writing.decide(snapshot, existing, { store, now });
    plans.push({ ...decision, index, snapshot, existing } as TPlan);
  }
  return { plans, stale };
}

/**
 * Writes what the plans decided, a handful of statements for all of them: the owners of imported
 * subscriptions (created on first sight of their account), contacts and account links, the
 * subscription rows with their references, addresses, offers and schedules. The outcome of each
 * plan, by its index.
 */
export async function writeSubscriptionPlans<TSnapshot, TPlan extends SubscriptionPlan<TSnapshot>>(
  store: SyncStore,
  plans: readonly TPlan[],
  context: ApplyContext,
  writing: SubscriptionSnapshotWriting<TSnapshot, TPlan>,
): Promise<Map<number, SyncOutcome>> {
  const { provider } = writing;
  const owners = await store.findOrCreateOwners(
    provider,
    plans.filter((plan) => plan.existing === null).map((plan) => writing.account(plan)),
  );
  const ownerOf = (plan: TPlan): Owner => plan.existing ?? owners.get(writing.account(plan).id)!;
  if (writing.refreshesContacts) {
    // A customer created just now already holds the contact it was created with.
    await store.updateCustomerContacts(
      plans
        .filter((plan) => ownerOf(plan).customerCreated !== true)
        .map((plan) => ({
          customerId: ownerOf(plan).customerId,
          contact: writing.account(plan).contact,
        })),
    );
  }
  await store.linkAccounts(
    plans.flatMap((plan) => {
      const customerId = ownerOf(plan).customerId;
      return (
        writing.links?.(plan, customerId) ?? [
          { customerId, service: provider, id: writing.account(plan).id },
        ]
      );
    }),
  );
  const writes: SyncedSubscriptionWrite[] = plans.map((plan) => {
    const { key } = writing.identify(plan.snapshot);
    return {
      id: plan.existing?.id ?? newPlatformId('sub'),
      terms: plan.terms,
      syncedAt: context.transactionStartedAt,
      ...writing.details(plan),
      ...(plan.existing === null ? { import: { reference: key, owner: ownerOf(plan), key } } : {}),
      schedule: plan.schedule,
    };
  });
  await store.writeSubscriptions(provider, writes);
  const outcomes = new Map<number, SyncOutcome>();
  for (const [i, plan] of plans.entries()) {
    const owner = ownerOf(plan);
    const subscriptionId = writes[i]!.id;
    await writing.afterWrite?.(store, plan, { subscriptionId, owner });
    outcomes.set(plan.index, {
      status: 'succeeded',
      subscriptionId,
      ownerId: owner.ownerId,
      changes: plan.changes,
    });
  }
  return outcomes;
}

/**
 * A provider's whole subscription write ({@link SyncWriter.applyAll}): plan, then write; each
 * item's outcome, or the stale snapshot error that sends it back to be fetched again.
 */
export async function applySubscriptionSnapshots<
  TSnapshot,
  TPlan extends SubscriptionPlan<TSnapshot>,
>(
  store: SyncStore,
  items: readonly ApplyItem<TSnapshot>[],
  context: ApplyContext,
  writing: SubscriptionSnapshotWriting<TSnapshot, TPlan>,
): Promise<(SyncOutcome | StaleSnapshotError)[]> {
  const { plans, stale } = await planSubscriptionSnapshots(store, items, context.now, writing);
  const outcomes = await writeSubscriptionPlans(store, plans, context, writing);
  return items.map((_item, index) => stale.get(index) ?? outcomes.get(index)!);
}
