import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  decideSnapshot,
  reconcileStripeSubscription,
  type StripeLocalState,
  type StripeSnapshot,
  type SubscriptionStatus,
  type SyncOutcome,
} from '@subsync/domain';
import { type ApplyContext, type ApplyItem, StaleSnapshotError } from '@subsync/sync';
import {
  applySchedule,
  findOrCreateOwner,
  linkCustomerAccounts,
  loadPaymentCard,
  loadSchedule,
  savePaymentCard,
  saveSyncedSubscription,
  SubscriptionEntity,
} from '@subsync/persistence';

/**
 * Applies a Stripe snapshot: status, term and auto-renew, the card on file and the payment
 * schedule. Addresses, name and email are managed elsewhere and never touched; an imported
 * subscription's new customer starts with Stripe's name and email.
 */
@Injectable()
export class StripeSubscriptionWriter {
  /** Stripe syncs are few (its request rate bounds them): one after another. */
  async applyAll(
    manager: EntityManager,
    items: readonly ApplyItem<StripeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    for (const item of items) {
      try {
        results.push(await this.apply(manager, item, context));
      } catch (error) {
        if (!(error instanceof StaleSnapshotError)) throw error;
        results.push(error);
      }
    }
    return results;
  }

  private async apply(
    manager: EntityManager,
    { snapshot, fetchStartedAt }: ApplyItem<StripeSnapshot>,
    context: ApplyContext,
  ): Promise<SyncOutcome> {
    const { now } = context;
    const remote = snapshot.subscription;
    const existing = await manager
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.stripe_subscription_id = :id', { id: remote.id })
      .setLock('pessimistic_write')
      .getOne();
    if (existing !== null) {
      const decision = decideSnapshot(
        { appliedAt: existing.lastSyncedAt, version: null },
        { fetchStartedAt, version: null },
      );
      if (decision.kind === 'refetch') throw new StaleSnapshotError(decision.reason);
    }
    const local = existing === null ? null : await this.loadLocal(manager, existing);
    const { next, schedule, changes } = reconcileStripeSubscription(local, snapshot, now);

    const stripeCustomerId = snapshot.customer.id;
    const owner =
      existing ??
      (await findOrCreateOwner(
        manager,
        { service: 'stripe', id: stripeCustomerId },
        contactOf(snapshot),
      ));
    await linkCustomerAccounts(manager, owner.customerId, [
      { service: 'stripe', id: stripeCustomerId },
    ]);

    const subscriptionId = await saveSyncedSubscription(manager, existing, {
      terms: next.terms,
      syncedAt: context.transactionStartedAt,
      upstream: { stripeCustomerId },
      onImport: {
        reference: remote.id,
        source: 'stripe',
        owner,
        key: { stripeSubscriptionId: remote.id },
      },
    });
    await savePaymentCard(
      manager,
      { customerId: owner.customerId, subscriptionId, service: 'stripe' },
      next.paymentMethod,
    );
    await applySchedule(manager, subscriptionId, schedule);
    return { status: 'succeeded', subscriptionId, ownerId: owner.ownerId, changes };
  }

  private async loadLocal(
    manager: EntityManager,
    subscription: SubscriptionEntity,
  ): Promise<StripeLocalState> {
    return {
      terms: {
        status: subscription.status as SubscriptionStatus,
        termStart: subscription.termStart,
        termEnd: subscription.termEnd,
        autoRenew: subscription.autoRenew,
      },
      paymentMethod: await loadPaymentCard(manager, subscription.id, 'stripe'),
      schedule: await loadSchedule(manager, subscription.id),
    };
  }
}

function contactOf(snapshot: StripeSnapshot): { name: string | null; email: string | null } {
  const customer = snapshot.customer;
  if ('deleted' in customer && customer.deleted === true) return { name: null, email: null };
  return { name: customer.name ?? null, email: customer.email ?? null };
}
