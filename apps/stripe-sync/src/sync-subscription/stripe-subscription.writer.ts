import { Injectable } from '@nestjs/common';
import {
  reconcileStripeSubscription,
  type StripeSnapshot,
  type StripeSyncedState,
  type SyncOutcome,
} from '@subsync/domain';
import type { SyncStore } from '@subsync/persistence';
import {
  type ApplyContext,
  type ApplyItem,
  applySubscriptionSnapshots,
  type StaleSnapshotError,
  type SubscriptionPlan,
  type SubscriptionSnapshotWriting,
  type SyncWriter,
} from '@subsync/sync';

/** What one Stripe snapshot will write, decided before anything is written. */
interface StripePlan extends SubscriptionPlan<StripeSnapshot> {
  next: StripeSyncedState;
}

/**
 * Stripe's part of writing subscription snapshots: status, term and auto-renew, the card on file
 * and the payment schedule. Addresses, name and email are managed elsewhere and never touched;
 * an imported subscription's new customer starts with Stripe's name and email.
 */
const STRIPE_WRITING: SubscriptionSnapshotWriting<StripeSnapshot, StripePlan> = {
  provider: 'stripe',
  identify: (snapshot) => ({ key: snapshot.subscription.id, version: null }),
  async decide(snapshot, existing, { store, now }) {
    const local =
      existing === null
        ? null
        : {
            terms: existing.local.terms,
            schedule: existing.local.schedule,
            paymentMethod: await store.loadPaymentCard(existing.id, 'stripe'),
          };
    const reconciled = reconcileStripeSubscription(local, snapshot, now);
    return { ...reconciled, terms: reconciled.next.terms };
  },
  account: (plan) => ({ id: plan.snapshot.customer.id, contact: contactOf(plan.snapshot) }),
  refreshesContacts: false,
  details: (plan) => ({ references: [{ kind: 'account', value: plan.snapshot.customer.id }] }),
  // Each card on file is written on its own: Stripe syncs are few (its request rate bounds them).
  async afterWrite(store, plan, { subscriptionId, owner }) {
    await store.savePaymentCard(
      { customerId: owner.customerId, subscriptionId, provider: 'stripe' },
      plan.next.paymentMethod,
    );
  },
};

/** Applies Stripe snapshots, one statement per kind of row for all of them, like the Zuora writer. */
@Injectable()
export class StripeSubscriptionWriter implements SyncWriter<StripeSnapshot> {
  applyAll(
    store: SyncStore,
    items: readonly ApplyItem<StripeSnapshot>[],
    context: ApplyContext,
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    return applySubscriptionSnapshots(store, items, context, STRIPE_WRITING);
  }
}

function contactOf(snapshot: StripeSnapshot): { name: string | null; email: string | null } {
  const customer = snapshot.customer;
  if ('deleted' in customer && customer.deleted === true) return { name: null, email: null };
  return { name: customer.name ?? null, email: customer.email ?? null };
}
