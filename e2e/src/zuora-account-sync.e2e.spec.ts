import { Kafka, logLevel } from 'kafkajs';
import {
  createEnvelope,
  type Envelope,
  type FieldChange,
  type SyncCompleted,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { RunningSystem } from './support/running-system';

interface SubscriptionView {
  id: string;
  reference: string;
  owner: string;
  customer: { id: string; name: string; identities: { service: string; id: string }[] };
  addresses: { type: string }[];
  paymentMethods: {
    brand: string;
    last4: string | null;
    expMonth: number;
    expYear: number;
    default: boolean;
  }[];
  offers: { name: string; charges: { price: string | null; billingPeriod: string | null }[] }[];
  schedule: { date: string; amount: string; status: string }[];
  external: { zuora: { subscriptionNumber: string; accountNumber: string } };
}

const ACCOUNT = 'A00000271';
const CRM_ID = '0014J00000Zx8QaQAJ';
const SUBSCRIPTIONS = ['A-S00000271', 'A-S00000274', 'A-S00000276'];

describe('Zuora account sync end to end', () => {
  let system: RunningSystem;
  const kafka = new Kafka({
    clientId: 'e2e-account-sync',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync']);
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await system?.stop();
  });

  /** Publishes an account sync request as an upstream system would, and waits for its outcome. */
  async function syncAccount(ref: string): Promise<SyncCompleted> {
    const request = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'upstream-e2e',
      now: new Date(),
      data: { provider: 'zuora', scope: 'account', ref, trigger: 'upstream' },
    });
    const completed = awaitCompletion(
      kafka,
      system.topic(Topics.syncCompleted),
      request.correlationId,
    );
    await producer.send({
      topic: system.topic(Topics.syncRequested),
      acks: -1,
      messages: [{ key: `zuora:${ref}`, value: JSON.stringify(request) }],
    });
    return (await completed).data;
  }

  const view = async (ref: string): Promise<SubscriptionView> => {
    const response = await system.api('GET', `/api/subscriptions/${ref}`);
    expect(response.status).toBe(200);
    return response.body as SubscriptionView;
  };

  it('imports every subscription of the account under one customer and owner, with its cards', async () => {
    const outcome = await syncAccount(ACCOUNT);

    expect(outcome).toMatchObject({
      provider: 'zuora',
      ref: ACCOUNT,
      status: 'succeeded',
      subscriptionId: null,
      ownerId: expect.stringMatching(/^id-[0-9a-f]{32}$/),
      eventId: expect.stringMatching(/^event-/),
    });
    const year = new Date().getUTCFullYear();
    const views = await Promise.all(SUBSCRIPTIONS.map(view));
    for (const [index, subscription] of views.entries()) {
      expect(subscription).toMatchObject({
        reference: SUBSCRIPTIONS[index],
        owner: outcome.ownerId,
        customer: { id: views[0]!.customer.id, name: 'Amelia Hartley' },
        external: { zuora: { subscriptionNumber: SUBSCRIPTIONS[index], accountNumber: ACCOUNT } },
      });
      expect(subscription.customer.identities).toEqual(
        expect.arrayContaining([
          { service: 'zuora', id: ACCOUNT },
          { service: 'salesforce', id: CRM_ID },
        ]),
      );
      expect(subscription.addresses.map((address) => address.type)).toEqual([
        'billing',
        'shipping',
      ]);
      expect(subscription.offers.length).toBeGreaterThan(0);
      expect(subscription.paymentMethods).toEqual([
        { brand: 'visa', last4: '4242', expMonth: 8, expYear: year + 4, default: true },
        { brand: 'mastercard', last4: '4444', expMonth: 3, expYear: year + 1, default: false },
      ]);
    }

    const event = (await system.api('GET', `/api/events/${outcome.eventId}`)).body as {
      changes: FieldChange[];
    };
    expect(event).toMatchObject({
      id: outcome.eventId,
      type: 'sync',
      provider: 'zuora',
      ref: ACCOUNT,
      trigger: 'upstream',
      status: 'succeeded',
      subscriptionId: null,
      reason: null,
    });
    expect(event.changes).toEqual(outcome.changes);
    const fields = event.changes.map((change) => change.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'customer.name',
        'customer.email',
        ...SUBSCRIPTIONS.map((number) => `${number}.subscription.status`),
        'A-S00000271.addresses.billing.line1',
      ]),
    );
    expect(fields.filter((field) => field.startsWith('paymentMethods.'))).toHaveLength(2);
    // The contact is reported once for the account, not again by each subscription.
    expect(fields.filter((field) => field.endsWith('customer.name'))).toEqual(['customer.name']);
  });

  it('a tokenised default card shows as the card that would be charged; lean segments and a discount sync as Zuora bills them', async () => {
    const outcome = await syncAccount('A00000277');
    expect(outcome.status).toBe('succeeded');

    const discounted = await view('A-S00000278');
    const year = new Date().getUTCFullYear();
    // The card Zuora charges is the gateway-tokenised Visa, which has no digits in Zuora.
    expect(discounted.paymentMethods).toEqual([
      { brand: 'visa', last4: null, expMonth: 9, expYear: year + 3, default: true },
      { brand: 'mastercard', last4: '5454', expMonth: 6, expYear: year + 1, default: false },
    ]);
    // 20.00 a month less the 10% loyalty discount.
    const planned = discounted.schedule.filter((entry) => entry.status === 'pending');
    expect(planned.length).toBeGreaterThan(0);
    expect(new Set(planned.map((entry) => entry.amount))).toEqual(new Set(['18.00']));

    // A-S00000277 answers its segments in Zuora's lean segment shape: the price rise (8.00 to
    // 9.00) and the billing period still come through.
    const lean = await view('A-S00000277');
    expect(lean.offers[0]?.charges[0]).toMatchObject({ billingPeriod: 'Month' });
    const amounts = lean.schedule.filter((e) => e.status === 'pending').map((e) => e.amount);
    expect(amounts[0]).toBe('9.00');
    expect(new Set(amounts)).toEqual(new Set(['9.00']));
  });

  it('a second account sync with nothing changed upstream reports no changes', async () => {
    const outcome = await syncAccount(ACCOUNT);

    expect(outcome).toMatchObject({ status: 'succeeded', changes: [] });
    const event = (await system.api('GET', `/api/events/${outcome.eventId}`)).body;
    expect(event).toMatchObject({ status: 'succeeded', changes: [] });
    const owners = new Set((await Promise.all(SUBSCRIPTIONS.map(view))).map((v) => v.owner));
    expect(owners).toEqual(new Set([outcome.ownerId]));
  });

  it('follows the cards Zuora holds: a removed card goes, a new default is shown first', async () => {
    await system.admin('PUT', `/accounts/${ACCOUNT}/payment-methods`, [
      {
        type: 'CreditCard',
        cardNumber: '5555555555554444',
        creditCardType: 'MasterCard',
        expirationMonth: 11,
        expirationYear: 2031,
        isDefault: true,
      },
      { type: 'PayPal', isDefault: false },
    ]);

    const outcome = await syncAccount(ACCOUNT);

    expect(outcome.status).toBe('succeeded');
    expect(outcome.changes.length).toBeGreaterThan(0);
    expect(outcome.changes.every((change) => change.field.startsWith('paymentMethods.'))).toBe(
      true,
    );
    for (const number of SUBSCRIPTIONS) {
      expect((await view(number)).paymentMethods).toEqual([
        { brand: 'mastercard', last4: '4444', expMonth: 11, expYear: 2031, default: true },
      ]);
    }
  });

  it('an account without subscriptions still gets its customer and owner identity', async () => {
    await system.admin('PUT', '/accounts/A00000990', {
      basicInfo: { name: 'Nora Quinn', crmId: '0014J00000Nq9ZzQAB' },
      billingAndPayment: { currency: 'GBP' },
      billToContact: { firstName: 'Nora', lastName: 'Quinn', workEmail: 'nora@example.com' },
    });

    const outcome = await syncAccount('A00000990');

    expect(outcome).toMatchObject({
      status: 'succeeded',
      subscriptionId: null,
      ownerId: expect.stringMatching(/^id-/),
    });
    expect(outcome.changes).toEqual(
      expect.arrayContaining([
        { field: 'customer.name', before: null, after: 'Nora Quinn' },
        { field: 'customer.email', before: null, after: 'nora@example.com' },
      ]),
    );
  });

  it('an unknown account fails with the reason, on the message and on the Event', async () => {
    const outcome = await syncAccount('A99999999');

    expect(outcome).toMatchObject({
      status: 'failed',
      ref: 'A99999999',
      subscriptionId: null,
      ownerId: null,
      changes: [],
      error: {
        code: 'ZUORA_NOT_FOUND',
        message: expect.stringContaining("Zuora has no account 'A99999999'"),
      },
    });
    const event = (await system.api('GET', `/api/events/${outcome.eventId}`)).body;
    expect(event).toMatchObject({
      status: 'failed',
      ref: 'A99999999',
      reason: outcome.error?.message,
    });
  });
});

/** Resolves with the `sync.completed.v1` carrying `correlationId`. Subscribes before returning. */
async function awaitCompletion(
  kafka: Kafka,
  topic: string,
  correlationId: string,
  timeoutMs = 90_000,
): Promise<Envelope<SyncCompleted>> {
  const consumer = kafka.consumer({ groupId: `e2e-probe-${globalThis.crypto.randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void consumer.disconnect();
      reject(new Error(`no ${topic} for correlation id ${correlationId}`));
    }, timeoutMs);
    consumer
      .run({
        eachMessage: ({ message }) => {
          const envelope = JSON.parse(message.value?.toString() ?? '{}') as Envelope<SyncCompleted>;
          if (envelope.correlationId === correlationId) {
            clearTimeout(timer);
            resolve(envelope);
            // Not awaited: disconnect waits for this handler to return.
            void consumer.disconnect();
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
}
