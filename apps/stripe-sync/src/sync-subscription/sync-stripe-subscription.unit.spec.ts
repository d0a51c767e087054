import {
  type StripeCustomer,
  type StripeInvoice,
  type StripePaymentMethod,
  type StripeSubscription,
  type SyncCompleted,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncUnitOfWorkInMemory } from '@subsync/persistence';
import { StripeApiError } from '@subsync/stripe-client';
import { SyncRunner } from '@subsync/sync';
import { aStoredSubscription, syncRequestGroup } from '@subsync/sync/testing';
import {
  aStripeCardPaymentMethod,
  aStripeCustomer,
  aStripeSubscription,
  anUpcomingStripeInvoice,
  CUSTOMER_ID,
  SUBSCRIPTION_ID,
} from '@subsync/domain/testing';
import {
  type StripeSubscriptionSource,
  SyncStripeSubscriptionService,
} from './sync-stripe-subscription.service';
import { StripeSubscriptionWriter } from './stripe-subscription.writer';

// The Stripe subscription sync, from a request to what is stored and announced, on the in-memory
// store with a Stripe of maps. The fixture subscription bills £12.99 a month on the 1st.

/** A subscription as Stripe answers it: its customer is named by id. */
type UpstreamSubscription = StripeSubscription & { customer: string };

function aSubscription(overrides: Partial<StripeSubscription> = {}): UpstreamSubscription {
  return { ...aStripeSubscription(overrides), customer: CUSTOMER_ID };
}

const aCustomer = (card: StripePaymentMethod): StripeCustomer =>
  aStripeCustomer({ address: null, invoice_settings: { default_payment_method: card } });
const aCard = (id: string, last4: string): StripePaymentMethod =>
  aStripeCardPaymentMethod({ last4 }, { id });
const upcoming = anUpcomingStripeInvoice();

/** Stripe as a few maps; a subscription it lacks answers NOT_FOUND. */
class FakeStripe implements StripeSubscriptionSource {
  readonly subscriptions = new Map<string, UpstreamSubscription>();
  customer = aCustomer(aCard('pm_visa_4242', '4242'));

  getSubscription(id: string): Promise<UpstreamSubscription> {
    const subscription = this.subscriptions.get(id);
    if (subscription !== undefined) return Promise.resolve(structuredClone(subscription));
    return Promise.reject(
      new StripeApiError('NOT_FOUND', `No such subscription: '${id}'`, {
        retryable: false,
        httpStatus: 404,
      }),
    );
  }

  getCustomer(): Promise<StripeCustomer> {
    return Promise.resolve(structuredClone(this.customer));
  }

  listPaidInvoices(): Promise<StripeInvoice[]> {
    return Promise.resolve([]);
  }

  previewUpcomingInvoice(): Promise<StripeInvoice | null> {
    return Promise.resolve(structuredClone(upcoming));
  }
}

const stripeRequest = (ref: string): MessageGroup<SyncRequested> => syncRequestGroup('stripe', ref);

describe('Stripe subscription sync', () => {
  let stripe: FakeStripe;
  let memory: SyncUnitOfWorkInMemory;
  let sync: (group: MessageGroup<SyncRequested>) => Promise<void>;

  beforeEach(() => {
    stripe = new FakeStripe();
    memory = new SyncUnitOfWorkInMemory();
    const service = new SyncStripeSubscriptionService(
      memory,
      stripe,
      new StripeSubscriptionWriter(),
    );
    const runner = new SyncRunner(memory, { now: () => new Date() }, { upstreamDeadlineMs: 5000 });
    sync = (group) => runner.run(group, () => service);
    stripe.subscriptions.set(SUBSCRIPTION_ID, aSubscription());
  });

  const completed = (): SyncCompleted[] =>
    memory.data.outbox
      .filter(({ topic }) => topic === Topics.syncCompleted)
      .map(({ envelope }) => envelope.data as SyncCompleted);

  it('imports a subscription with its customer, card on file and upcoming charge', async () => {
    await sync(stripeRequest(SUBSCRIPTION_ID));

    const [stored, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      source: 'stripe',
      key: SUBSCRIPTION_ID,
      reference: SUBSCRIPTION_ID,
      references: { account: CUSTOMER_ID },
      terms: { status: 'active', autoRenew: true },
    });
    expect(stored!.schedule).toMatchObject([
      { date: '2026-12-01', amount: '12.99', currency: 'GBP', status: 'pending' },
    ]);
    expect(memory.data.customers.get(stored!.customerId)).toEqual({
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
    });
    expect(memory.data.accounts.get(`stripe ${CUSTOMER_ID}`)).toBe(stored!.customerId);
    expect(memory.data.cards).toMatchObject([
      { subscriptionId: stored!.id, provider: 'stripe', externalId: 'pm_visa_4242', last4: '4242' },
    ]);
    expect(completed()).toMatchObject([
      { status: 'succeeded', subscriptionId: stored!.id, ownerId: stored!.ownerId },
    ]);
  });

  it('replaces the card on file and records the cancellation at period end', async () => {
    await sync(stripeRequest(SUBSCRIPTION_ID));
    const [before] = [...memory.data.subscriptions.values()];
    stripe.customer = aCustomer(aCard('pm_visa_1881', '1881'));
    stripe.subscriptions.set(SUBSCRIPTION_ID, aSubscription({ cancel_at_period_end: true }));

    await sync(stripeRequest(before!.id));

    const [after, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(after!.id).toBe(before!.id);
    expect(after!.terms.autoRenew).toBe(false);
    expect(memory.data.cards.map((card) => card.externalId)).toEqual(['pm_visa_1881']);
    const fields = completed()[1]!.changes.map((change) => change.field);
    expect(fields).toContain('subscription.autoRenew');
    expect(fields.some((field) => field.startsWith('paymentMethod'))).toBe(true);
  });

  it('refuses a stored subscription another provider bills', async () => {
    memory.data.subscriptions.set('sub-z1', aStoredSubscription());

    await sync(stripeRequest('sub-z1'));

    expect(memory.data.subscriptions.get('sub-z1')!.lastSyncedAt).toBeNull();
    expect(completed()).toMatchObject([
      {
        status: 'failed',
        error: {
          code: 'WRONG_PROVIDER',
          message: 'Subscription sub-z1 is billed by zuora, not Stripe',
        },
      },
    ]);
  });

  it('refuses a ref that is neither stored nor a Stripe subscription id', async () => {
    await sync(stripeRequest('A-S00000271'));

    expect(memory.data.subscriptions.size).toBe(0);
    expect(completed()).toMatchObject([{ status: 'failed', error: { code: 'NOT_FOUND' } }]);
  });
});
