import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type Envelope,
  isStripeSubscriptionStatus,
  type StripeSnapshot,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import {
  Clock,
  InboxTypeOrm,
  OutboxTypeOrm,
  recordSyncOutcome,
  type SyncOutcome,
} from '@subsync/messaging';
import { findSubscriptionByAnyId } from '@subsync/persistence';
import { StripeApiError, StripeClient } from '@subsync/stripe-client';
import { StripeSubscriptionWriter } from './stripe-subscription.writer';

type Fetched = { ok: true; snapshot: StripeSnapshot } | { ok: false; outcome: SyncOutcome };

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
    private readonly stripe: StripeClient,
    private readonly inbox: InboxTypeOrm,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
    private readonly writer: StripeSubscriptionWriter,
  ) {}

  async execute(request: Envelope<SyncRequested>): Promise<void> {
    if (await this.inbox.isProcessed(this.dataSource.manager, request.id)) return;
    // Upstream calls happen outside the transaction, so no row is locked while Stripe answers.
    const fetched = await this.fetch(request);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, request.id, Topics.syncRequested))) return;
      const now = this.clock.now();
      const outcome = fetched.ok
        ? await this.writer.apply(manager, fetched.snapshot, now)
        : fetched.outcome;
      await recordSyncOutcome(manager, this.outbox, {
        request,
        eventType: 'sync',
        source: 'stripe-sync',
        now,
        outcome,
      });
    });
    this.outbox.notifyCommitted();
  }

  private async fetch(request: Envelope<SyncRequested>): Promise<Fetched> {
    const { ref, scope } = request.data;
    if (scope !== 'subscription') {
      return failed('UNSUPPORTED_SCOPE', `Stripe sync does not support scope '${scope}'`);
    }
    const local = await findSubscriptionByAnyId(this.dataSource.manager, ref);
    if (local !== null && local.source !== 'stripe') {
      return failed(
        'WRONG_PROVIDER',
        `Subscription ${ref} is billed by ${local.source}, not Stripe`,
      );
    }
    const stripeId = local?.stripeSubscriptionId ?? (STRIPE_SUBSCRIPTION_ID.test(ref) ? ref : null);
    if (stripeId === null) {
      return failed(
        'NOT_FOUND',
        local === null
          ? `No subscription ${ref} exists on the platform, and it is not a Stripe subscription id (sub_…)`
          : `Subscription ${ref} is not linked to a Stripe subscription`,
      );
    }
    try {
      const subscription = await this.stripe.getSubscription(stripeId);
      if (!isStripeSubscriptionStatus(subscription.status)) {
        return failed(
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
      return failed(`STRIPE_${error.code}`, message);
    }
  }
}

function failed(code: string, message: string): Fetched {
  return {
    ok: false,
    outcome: { status: 'failed', subscriptionId: null, ownerId: null, error: { code, message } },
  };
}
