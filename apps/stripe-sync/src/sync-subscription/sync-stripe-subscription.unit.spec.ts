import {
  createEnvelope,
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
import {
  type StripeSubscriptionSource,
  SyncStripeSubscriptionService,
} from './sync-stripe-subscription.service';
import { StripeSubscriptionWriter } from './stripe-subscription.writer';

// The Stripe subscription sync, from a request to what is stored and announced, on the in-memory
// store with a Stripe of maps. The subscription bills £12.99 a month on the 1st.

const SUBSCRIPTION_ID = 'sub_1QmR7hLkdIwHu7ix';
const CUSTOMER_ID = 'cus_RfT3kq9ZbW2m1A';
const unix = (iso: string): number => Date.parse(iso) / 1000;

function aCard(id: string, last4: string): StripePaymentMethod {
  return {
    id,
    object: 'payment_method',
    type: 'card',
    card: { brand: 'visa', last4, exp_month: 8, exp_year: 2030 },
  };
}

function aCustomer(card: StripePaymentMethod): StripeCustomer {
  return {
    id: CUSTOMER_ID,
    object: 'customer',
    name: 'Jane Doe',
    email: 'jane.doe@example.com',
    address: null,
    invoice_settings: { default_payment_method: card },
    default_source: null,
  };
}

/** A subscription as Stripe answers it: its customer is named by id. */
type UpstreamSubscription = StripeSubscription & { customer: string };

function aSubscription(overrides: Partial<UpstreamSubscription> = {}): UpstreamSubscription {
  return {
    id: SUBSCRIPTION_ID,
    object: 'subscription',
    status: 'active',
    customer: CUSTOMER_ID,
    currency: 'gbp',
    items: {
      object: 'list',
      data: [
        {
          id: 'si_RfT4aY7cLm0pQx',
          object: 'subscription_item',
          current_period_start: unix('2026-11-01T00:00:00Z'),
          current_period_end: unix('2026-12-01T00:00:00Z'),
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${SUBSCRIPTION_ID}`,
    },
    start_date: unix('2026-06-01T00:00:00Z'),
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    ended_at: null,
    default_payment_method: null,
    default_source: null,
    ...overrides,
  };
}

const upcoming: StripeInvoice = {
  id: 'upcoming_in_1QmR9zLkdIwHu7ix',
  object: 'invoice',
  number: null,
  status: 'draft',
  currency: 'gbp',
  amount_due: 1299,
  amount_paid: 0,
  next_payment_attempt: unix('2026-12-01T01:00:00Z'),
  period_start: unix('2026-11-01T00:00:00Z'),
  period_end: unix('2026-12-01T00:00:00Z'),
  status_transitions: {
    finalized_at: null,
    paid_at: null,
    marked_uncollectible_at: null,
    voided_at: null,
  },
  parent: {
    type: 'subscription_details',
    subscription_details: { subscription: SUBSCRIPTION_ID },
  },
};

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

function stripeRequest(ref: string): MessageGroup<SyncRequested> {
  const envelope = createEnvelope({
    topic: Topics.syncRequested,
    source: 'spec',
    now: new Date(),
    data: {
      provider: 'stripe' as const,
      scope: 'subscription' as const,
      ref,
      trigger: 'api' as const,
    },
  });
  return {
    key: `stripe:${ref}`,
    messages: [
      { envelope, topic: Topics.syncRequested, partition: 0, offset: '0', key: ref, headers: {} },
    ],
  };
}

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
      references: { 'stripe-customer-id': CUSTOMER_ID },
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

  it('refuses a ref that is neither stored nor a Stripe subscription id', async () => {
    await sync(stripeRequest('A-S00000271'));

    expect(memory.data.subscriptions.size).toBe(0);
    expect(completed()).toMatchObject([{ status: 'failed', error: { code: 'NOT_FOUND' } }]);
  });
});
