import { Inject, Injectable } from '@nestjs/common';
import {
  type Envelope,
  type Fetched,
  fetchFailed,
  isStripeSubscriptionStatus,
  isUpstreamSubscriptionId,
  type StripeInvoice,
  type StripeSnapshot,
  type StripeSubscription,
  type SyncRequested,
} from '@subsync/domain';
import { SyncUnitOfWork } from '@subsync/persistence';
import { StripeApiError, StripeClient } from '@subsync/stripe-client';
import { type FetchContext, localSubscriptionFor, type SyncProvider } from '@subsync/sync';
import { StripeSubscriptionWriter } from './stripe-subscription.writer';

type FetchResult = Fetched<StripeSnapshot>;

/** What a sync reads from Stripe, in the domain's types; StripeClient in production. */
export interface StripeSubscriptionSource {
  getSubscription(
    id: string,
    call: { signal: AbortSignal },
  ): Promise<
    Omit<StripeSubscription, 'status' | 'customer'> & {
      status: string;
      customer: string | StripeSnapshot['customer'];
    }
  >;
  getCustomer(id: string, call: { signal: AbortSignal }): Promise<StripeSnapshot['customer']>;
  listPaidInvoices(id: string, call: { signal: AbortSignal }): Promise<StripeInvoice[]>;
  previewUpcomingInvoice(id: string, call: { signal: AbortSignal }): Promise<StripeInvoice | null>;
}
// The SDK's types are wider than the domain's: the client is a source.
const _clientIsASource = (client: StripeClient): StripeSubscriptionSource => client;

/**
 * Syncs one subscription from Stripe: resolve the id, fetch the subscription (its customer and
 * every default payment method and source expanded), then its paid invoices and the upcoming one,
 * and reconcile and persist (the sync runner records the outcome in the same transaction). Three
 * requests per sync, plus pages.
 */
@Injectable()
export class SyncStripeSubscriptionService implements SyncProvider<StripeSnapshot> {
  readonly source = 'stripe-sync';

  constructor(
    private readonly unitOfWork: SyncUnitOfWork,
    @Inject(StripeClient) private readonly stripe: StripeSubscriptionSource,
    readonly writer: StripeSubscriptionWriter,
  ) {}

  async fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<FetchResult> {
    const { ref } = request.data;
    const found = await localSubscriptionFor('stripe', request, context, this.unitOfWork.reads);
    if ('failed' in found) return found.failed;
    const { local } = found;
    const stripeId = local?.key ?? (isUpstreamSubscriptionId('stripe', ref) ? ref : null);
    if (stripeId === null) {
      return fetchFailed(
        'NOT_FOUND',
        local === null
          ? `No subscription ${ref} exists on the platform, and it is not a Stripe subscription id (sub_…)`
          : `Subscription ${ref} is not linked to a Stripe subscription`,
      );
    }
    try {
      const calls = { signal: context.signal };
      const subscription = await this.stripe.getSubscription(stripeId, calls);
      if (!isStripeSubscriptionStatus(subscription.status)) {
        return fetchFailed(
          'UNEXPECTED_RESPONSE',
          `Stripe subscription ${stripeId} has an unknown status '${subscription.status}'`,
        );
      }
      // The subscription arrives with its customer expanded (one request fewer); a server that
      // answered with the id only is asked for the customer on its own.
      const [customer, paidInvoices, upcoming] = await Promise.all([
        typeof subscription.customer === 'string'
          ? this.stripe.getCustomer(subscription.customer, calls)
          : subscription.customer,
        this.stripe.listPaidInvoices(stripeId, calls),
        this.stripe.previewUpcomingInvoice(stripeId, calls),
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
