import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type Envelope,
  isStripeSubscriptionStatus,
  type StripeSnapshot,
  type SyncRequested,
} from '@subsync/domain';
import { type Fetched, fetchFailed, SyncRequestRunner } from '@subsync/messaging';
import { findSubscriptionByAnyId } from '@subsync/persistence';
import { StripeApiError, StripeClient } from '@subsync/stripe-client';
import { StripeSubscriptionWriter } from './stripe-subscription.writer';

type FetchResult = Fetched<StripeSnapshot>;

const STRIPE_SUBSCRIPTION_ID = /^sub_[A-Za-z0-9]+$/;

/**
 * Syncs one subscription from Stripe: resolve the id, fetch the subscription, its customer, its
 * paid invoices and the upcoming one, then reconcile and persist in one transaction and
 * announce the outcome through the outbox.
 */
@Injectable()
export class SyncStripeSubscriptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: SyncRequestRunner,
    private readonly stripe: StripeClient,
    private readonly writer: StripeSubscriptionWriter,
  ) {}

  execute(request: Envelope<SyncRequested>): Promise<void> {
    return this.runner.run(request, {
      source: 'stripe-sync',
      fetch: () => this.fetch(request),
      apply: (manager, snapshot, now) => this.writer.apply(manager, snapshot, now),
    });
  }

  private async fetch(request: Envelope<SyncRequested>): Promise<FetchResult> {
    const { ref, scope } = request.data;
    if (scope !== 'subscription') {
      return fetchFailed('UNSUPPORTED_SCOPE', `Stripe sync does not support scope '${scope}'`);
    }
    const local = await findSubscriptionByAnyId(this.dataSource.manager, ref);
    if (local !== null && local.source !== 'stripe') {
      return fetchFailed(
        'WRONG_PROVIDER',
        `Subscription ${ref} is billed by ${local.source}, not Stripe`,
      );
    }
    const stripeId = local?.stripeSubscriptionId ?? (STRIPE_SUBSCRIPTION_ID.test(ref) ? ref : null);
    if (stripeId === null) {
      return fetchFailed(
        'NOT_FOUND',
        local === null
          ? `No subscription ${ref} exists on the platform, and it is not a Stripe subscription id (sub_…)`
          : `Subscription ${ref} is not linked to a Stripe subscription`,
      );
    }
    try {
      const subscription = await this.stripe.getSubscription(stripeId);
      if (!isStripeSubscriptionStatus(subscription.status)) {
        return fetchFailed(
          'UNEXPECTED_RESPONSE',
          `Stripe subscription ${stripeId} has an unknown status '${subscription.status}'`,
        );
      }
      const customerId =
        typeof subscription.customer === 'string'
          ? subscription.customer
          : subscription.customer.id;
      const [customer, paidInvoices, upcoming] = await Promise.all([
        this.stripe.getCustomer(customerId),
        this.stripe.listPaidInvoices(stripeId),
        this.stripe.previewUpcomingInvoice(stripeId),
      ]);
      return {
        ok: true,
        snapshot: {
          subscription: { ...subscription, status: subscription.status },
          customer,
          paidInvoices,
          upcoming,
        },
      };
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      const message =
        error.code === 'NOT_FOUND'
          ? `Stripe has no subscription '${stripeId}': ${error.message}`
          : `Stripe request failed: ${error.message}`;
      return fetchFailed(`STRIPE_${error.code}`, message);
    }
  }
}
