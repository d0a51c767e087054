import { Injectable } from '@nestjs/common';
import {
  newPlatformId,
  reconcileStripeSubscription,
  type StripeLocalState,
  type StripeSnapshot,
  type SyncOutcome,
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

/** What one snapshot will write, decided before anything is written. */
type StripePlan = {
  index: number;
  snapshot: StripeSnapshot;
  existing: StoredSubscription | null;
} & ReturnType<typeof reconcileStripeSubscription>;

/**
 * Applies a Stripe snapshot: status, term and auto-renew, the card on file and the payment
 * schedule. Addresses, name and email are managed elsewhere and never touched; an imported
 * subscription's new customer starts with Stripe's name and email.
 */
@Injectable()
export class StripeSubscriptionWriter implements SyncWriter<StripeSnapshot> {
  /**
   * Applies Stripe snapshots: one statement per kind of row for all of them, like the Zuora
   * writer; each card on file is written on its own (Stripe syncs are few: its request rate
   * bounds them).
   */
  async applyAll(
    store: SyncStore,
    items: readonly ApplyItem<StripeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const { stored, stale } = await lockFreshSnapshots(store, 'stripe', items, (snapshot) => ({
      key: snapshot.subscription.id,
      version: null,
    }));
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    const plans: StripePlan[] = [];
    for (const [index, { snapshot }] of items.entries()) {
      const staleSnapshot = stale.get(index);
      if (staleSnapshot !== undefined) {
        results[index] = staleSnapshot;
        continue;
      }
      const existing = stored.get(snapshot.subscription.id) ?? null;
      const local: StripeLocalState | null =
        existing === null
          ? null
          : {
              terms: existing.local.terms,
              schedule: existing.local.schedule,
              paymentMethod: await store.loadPaymentCard(existing.id, 'stripe'),
            };
      plans.push({
        index,
        snapshot,
        existing,
        ...reconcileStripeSubscription(local, snapshot, context.now),
      });
    }

    const owners = await store.findOrCreateOwners(
      'stripe',
      plans
        .filter((plan) => plan.existing === null)
        .map((plan) => ({ id: plan.snapshot.customer.id, contact: contactOf(plan.snapshot) })),
    );
    const ownerOf = (plan: StripePlan): Owner =>
      plan.existing ?? owners.get(plan.snapshot.customer.id)!;
    await store.linkAccounts(
      plans.map((plan) => ({
        customerId: ownerOf(plan).customerId,
        service: 'stripe' as const,
        id: plan.snapshot.customer.id,
      })),
    );
    const writes: SyncedSubscriptionWrite[] = plans.map((plan) => ({
      id: plan.existing?.id ?? newPlatformId('sub'),
      terms: plan.next.terms,
      syncedAt: context.transactionStartedAt,
      references: [{ kind: 'account', value: plan.snapshot.customer.id }],
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
    await store.writeSubscriptions('stripe', writes);
    for (const [i, plan] of plans.entries()) {
      const owner = ownerOf(plan);
      await store.savePaymentCard(
        { customerId: owner.customerId, subscriptionId: writes[i]!.id, provider: 'stripe' },
        plan.next.paymentMethod,
      );
      results[plan.index] = {
        status: 'succeeded',
        subscriptionId: writes[i]!.id,
        ownerId: owner.ownerId,
        changes: plan.changes,
      };
    }
    return results;
  }
}

function contactOf(snapshot: StripeSnapshot): { name: string | null; email: string | null } {
  const customer = snapshot.customer;
  if ('deleted' in customer && customer.deleted === true) return { name: null, email: null };
  return { name: customer.name ?? null, email: customer.email ?? null };
}
