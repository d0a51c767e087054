import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  decideSnapshot,
  newPlatformId,
  reconcileStripeSubscription,
  type StripeLocalState,
  type StripeSnapshot,
  type SyncOutcome,
} from '@subsync/domain';
import {
  findOrCreateOwners,
  linkAccounts,
  loadPaymentCard,
  lockStoredSubscriptions,
  type Owner,
  savePaymentCard,
  type StoredSubscription,
  type SubscriptionWrite,
  writeSyncedSubscriptions,
} from '@subsync/persistence';
import { type ApplyContext, type ApplyItem, StaleSnapshotError } from '@subsync/sync';

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
export class StripeSubscriptionWriter {
  /**
   * Applies Stripe snapshots: one statement per kind of row for all of them, like the Zuora
   * writer; each card on file is written on its own (Stripe syncs are few: its request rate
   * bounds them).
   */
  async applyAll(
    manager: EntityManager,
    items: readonly ApplyItem<StripeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const stored = await lockStoredSubscriptions(
      manager,
      'stripe_subscription_id',
      items.map((item) => item.snapshot.subscription.id),
    );
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    const seen = new Set<string>();
    const plans: StripePlan[] = [];
    for (const [index, { snapshot, fetchStartedAt }] of items.entries()) {
      const remote = snapshot.subscription;
      const existing = stored.get(remote.id) ?? null;
      const decision = seen.has(remote.id)
        ? { kind: 'refetch' as const, reason: `another sync of ${remote.id} was written with it` }
        : existing === null
          ? { kind: 'apply' as const }
          : decideSnapshot(
              { appliedAt: existing.lastSyncedAt, version: null },
              { fetchStartedAt, version: null },
            );
      seen.add(remote.id);
      if (decision.kind === 'refetch') {
        results[index] = new StaleSnapshotError(decision.reason);
        continue;
      }
      const local: StripeLocalState | null =
        existing === null
          ? null
          : {
              terms: existing.local.terms,
              schedule: existing.local.schedule,
              paymentMethod: await loadPaymentCard(manager, existing.id, 'stripe'),
            };
      plans.push({
        index,
        snapshot,
        existing,
        ...reconcileStripeSubscription(local, snapshot, context.now),
      });
    }

    const owners = await findOrCreateOwners(
      manager,
      'stripe',
      plans
        .filter((plan) => plan.existing === null)
        .map((plan) => ({ id: plan.snapshot.customer.id, contact: contactOf(plan.snapshot) })),
    );
    const ownerOf = (plan: StripePlan): Owner =>
      plan.existing ?? owners.get(plan.snapshot.customer.id)!;
    await linkAccounts(
      manager,
      plans.map((plan) => ({
        customerId: ownerOf(plan).customerId,
        service: 'stripe' as const,
        id: plan.snapshot.customer.id,
      })),
    );
    const writes: SubscriptionWrite[] = plans.map((plan) => ({
      id: plan.existing?.id ?? newPlatformId('sub'),
      terms: plan.next.terms,
      syncedAt: context.transactionStartedAt,
      upstream: { stripeCustomerId: plan.snapshot.customer.id },
      ...(plan.existing === null
        ? {
            import: {
              reference: plan.snapshot.subscription.id,
              source: 'stripe' as const,
              owner: ownerOf(plan),
              stripeSubscriptionId: plan.snapshot.subscription.id,
            },
          }
        : {}),
      schedule: plan.schedule,
    }));
    await writeSyncedSubscriptions(manager, writes);
    for (const [i, plan] of plans.entries()) {
      const owner = ownerOf(plan);
      await savePaymentCard(
        manager,
        { customerId: owner.customerId, subscriptionId: writes[i]!.id, service: 'stripe' },
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
