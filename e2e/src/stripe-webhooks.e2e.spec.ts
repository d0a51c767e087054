import { Client } from 'pg';
import Stripe from 'stripe';
import { STRIPE_SANDBOX_API_KEY, STRIPE_SANDBOX_DEMO as DEMO } from '@subsync/stripe-sandbox';
import { eventually, RunningSystem } from './support/running-system';

// Stripe webhooks as a sync trigger, through the gateway's /api/webhooks/stripe, with real
// Kafka and PostgreSQL: signed deliveries built here (as Stripe's dashboard "resend" or an
// attacker would send them), and the Stripe sandbox telling the gateway of its own changes.

const SECRET = 'whsec_e2eStripeWebhooksSecret0123456789';
const HOOK = '/api/webhooks/stripe';
const SUB = DEMO.subscriptions.activeGbp;

interface WebhookAnswer {
  received?: boolean;
  duplicate?: boolean;
  outcome?: string;
  eventIds?: string[];
  reason?: string | null;
  message?: string;
}

interface EventView {
  id: string;
  type: string;
  trigger: string;
  status: string;
  reason: string | null;
  subscriptionId: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

let sequence = 0;

/** A Stripe event in Stripe's shape around `object`, as its JSON text. */
function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  previous?: Record<string, unknown>,
): { id: string; payload: string } {
  sequence += 1;
  const id = `evt_1E2e${Date.now()}${sequence}`;
  const payload = JSON.stringify({
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object, ...(previous === undefined ? {} : { previous_attributes: previous }) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
  return { id, payload };
}

function signed(payload: string, secret = SECRET, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
}

describe('Stripe webhooks end to end', () => {
  let system: RunningSystem;
  let db: Client;
  let stripe: Stripe;
  let platformId: string;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'stripe-sync'], {
      env: { STRIPE_WEBHOOK_SECRET: SECRET },
    });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    stripe = new Stripe(STRIPE_SANDBOX_API_KEY, {
      host: '127.0.0.1',
      port: Number(new URL(system.stripe.url).port),
      protocol: 'http',
    });
    // The platform holds sub_demoActiveGbp from here on.
    const imported = await system.api('POST', `/api/plugins/stripe/sync/subscription/${SUB}`);
    expect(imported.status).toBe(200);
    platformId = (imported.body as { id: string }).id;
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  const deliver = async (payload: string, signature: string | null) => {
    const response = await system.send('POST', HOOK, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(signature === null ? {} : { 'stripe-signature': signature }),
      },
      body: payload,
    });
    return { status: response.status, body: response.body as WebhookAnswer };
  };

  const counts = async () => {
    const { rows } = await db.query<{ events: string; outbox: string; webhooks: string }>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM outbox) AS outbox,
              (SELECT count(*) FROM stripe_webhook_events) AS webhooks`,
    );
    return rows[0];
  };

  const event = async (id: string) =>
    (await system.api('GET', `/api/events/${id}`)).body as EventView;

  const settled = (id: string) =>
    eventually(async () => {
      const view = await event(id);
      expect(view.status).not.toBe('queued');
      return view;
    });

  const subscriptionObject = async (id: string = SUB) =>
    (await stripe.subscriptions.retrieve(id)) as unknown as Record<string, unknown>;

  it('a bad or missing signature is 400 and changes nothing', async () => {
    const { payload } = stripeEvent('customer.subscription.updated', await subscriptionObject());
    const before = await counts();

    const forged = await deliver(payload, signed(payload, 'whsec_someoneElse'));
    const missing = await deliver(payload, null);
    const stale = await deliver(
      payload,
      signed(payload, SECRET, Math.floor(Date.now() / 1000) - 3600),
    );
    const tampered = await deliver(
      payload.replace('"livemode":false', '"livemode":true'),
      signed(payload),
    );

    expect(forged).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('signature') },
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { message: 'Stripe-Signature header is missing' },
    });
    expect(stale).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('Timestamp') },
    });
    expect(tampered.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('the webhook route’s own body parser leaves the JSON of every other route alone', async () => {
    const response = await system.api('PUT', '/api/settings/zuora', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hotSyncEnabled: false }),
    });
    expect(response).toMatchObject({ status: 200, body: { hotSyncEnabled: false } });
  });

  it('a signed event for a held subscription delivered three times syncs it exactly once', async () => {
    const { id, payload } = stripeEvent(
      'customer.subscription.updated',
      await subscriptionObject(),
      { cancel_at_period_end: true },
    );

    const answers = await Promise.all([1, 2, 3].map(() => deliver(payload, signed(payload))));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    const eventIds = new Set(answers.flatMap((a) => a.body.eventIds ?? []));
    expect(eventIds.size).toBe(1);
    const [eventId] = [...eventIds];
    expect(answers.every((a) => a.body.outcome === 'queued')).toBe(true);

    const synced = await settled(eventId!);
    expect(synced).toMatchObject({
      type: 'sync',
      trigger: 'upstream',
      status: 'succeeded',
      subscriptionId: platformId,
    });
    // A fourth delivery later is still the same event: nothing more is queued.
    const again = await deliver(payload, signed(payload));
    expect(again.body).toMatchObject({ duplicate: true, outcome: 'queued', eventIds: [eventId] });
    const { rows } = await db.query(
      "SELECT id FROM events WHERE subscription_id = $1 AND trigger = 'upstream'",
      [platformId],
    );
    expect(rows).toEqual([{ id: eventId }]);
    const stored = await db.query(
      'SELECT outcome, event_ids FROM stripe_webhook_events WHERE stripe_event_id = $1',
      [id],
    );
    expect(stored.rows).toEqual([{ outcome: 'queued', event_ids: [eventId] }]);
  });

  it('an event type subsync does not act on is acknowledged with 200 and counted', async () => {
    const { id, payload } = stripeEvent('charge.succeeded', { id: 'ch_1E2e', object: 'charge' });
    const before = (await counts())!.events;

    const answer = await deliver(payload, signed(payload));

    expect(answer).toMatchObject({
      status: 200,
      body: { received: true, outcome: 'unhandled', eventIds: [] },
    });
    expect((await counts())!.events).toBe(before);
    const { rows } = await db.query(
      'SELECT outcome FROM stripe_webhook_events WHERE stripe_event_id = $1',
      [id],
    );
    expect(rows).toEqual([{ outcome: 'unhandled' }]);
  });

  it('a change the platform made itself is skipped with a reason, and nothing is synced', async () => {
    const { payload } = stripeEvent('customer.subscription.updated', {
      ...(await subscriptionObject()),
      metadata: { source: 'shop' },
    });
    const upstream = () =>
      db.query<{ id: string; status: string }>(
        "SELECT id, status FROM events WHERE subscription_id = $1 AND trigger = 'upstream' ORDER BY created_at",
        [platformId],
      );
    const before = (await upstream()).rows;

    const answer = await deliver(payload, signed(payload));

    expect(answer).toMatchObject({ status: 200, body: { outcome: 'skipped' } });
    const [eventId] = answer.body.eventIds!;
    expect(await event(eventId!)).toMatchObject({
      trigger: 'upstream',
      status: 'skipped',
      subscriptionId: platformId,
      reason: `subscription ${SUB} was written by the platform (metadata source = shop)`,
    });
    // The skipped Event is the only new one: no sync was queued.
    expect((await upstream()).rows).toEqual([...before, { id: eventId, status: 'skipped' }]);
  });

  it('an event for a subscription the platform does not hold is acknowledged and ignored', async () => {
    const { payload } = stripeEvent(
      'customer.subscription.updated',
      await subscriptionObject(DEMO.subscriptions.activeJpy),
    );
    const before = (await counts())!.events;

    const answer = await deliver(payload, signed(payload));

    expect(answer).toMatchObject({
      status: 200,
      body: {
        outcome: 'not-held',
        eventIds: [],
        reason: `the platform does not hold subscription ${DEMO.subscriptions.activeJpy}`,
      },
    });
    expect((await counts())!.events).toBe(before);
  });

  describe('the Stripe sandbox sending webhooks on its own changes', () => {
    beforeAll(() => {
      system.stripe.webhooks.configure({ url: `${system.gatewayUrl}${HOOK}`, secret: SECRET });
    });
    afterAll(() => system.stripe.webhooks.configure(null));

    const upstreamEvents = async () => {
      const { rows } = await db.query<{ id: string; status: string }>(
        "SELECT id, status FROM events WHERE subscription_id = $1 AND trigger = 'upstream' ORDER BY created_at",
        [platformId],
      );
      return rows;
    };

    it('a cancellation at period end in Stripe reaches the platform', async () => {
      const seen = (await upstreamEvents()).length;
      await system.stripeAdmin('PATCH', `/subscriptions/${SUB}`, { cancel_at_period_end: true });

      const view = await eventually(async () => {
        const read = (await system.api('GET', `/api/subscriptions/${platformId}`)).body as {
          autoRenew: boolean;
        };
        expect(read.autoRenew).toBe(false);
        return read;
      });

      expect(view).toMatchObject({ status: 'active', autoRenew: false });
      const events = await eventually(async () => {
        const rows = (await upstreamEvents()).slice(seen);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.status !== 'queued')).toBe(true);
        return rows;
      });
      expect(events.map((row) => row.status)).toContain('succeeded');
      const deliveries = system.stripe.webhooks.deliveries();
      expect(deliveries[0]).toMatchObject({
        type: 'customer.subscription.updated',
        status: 200,
        delivered: true,
      });
    });

    it('a new default card on the customer syncs every subscription of that customer', async () => {
      await system.stripeAdmin('PUT', '/payment-methods/pm_e2eWebhookAmex', {
        customer: DEMO.customers.amelia,
        card: { brand: 'amex', last4: '0005', exp_month: 4, exp_year: 2033 },
      });
      await system.stripeAdmin('PATCH', `/customers/${DEMO.customers.amelia}`, {
        invoice_settings: { default_payment_method: 'pm_e2eWebhookAmex' },
      });

      const view = await eventually(async () => {
        const read = (await system.api('GET', `/api/subscriptions/${platformId}`)).body as {
          paymentMethods: unknown[];
        };
        expect(read.paymentMethods).toEqual([
          { brand: 'amex', last4: '0005', expMonth: 4, expYear: 2033, default: true },
        ]);
        return read;
      });
      expect(view.paymentMethods).toHaveLength(1);
    });

    it('a paid renewal invoice adds a paid entry to the schedule', async () => {
      const paidAt = Math.floor(Date.parse('2031-05-01T00:00:00Z') / 1000);
      await system.stripeAdmin('PUT', '/invoices/in_e2eWebhookRenewal', {
        subscription: SUB,
        status: 'paid',
        amount_due: 1499,
        status_transitions: { paid_at: paidAt },
      });

      await eventually(async () => {
        const read = (await system.api('GET', `/api/subscriptions/${platformId}`)).body as {
          schedule: { date: string; amount: string; status: string }[];
        };
        expect(read.schedule).toContainEqual(
          expect.objectContaining({ date: '2031-05-01', amount: '14.99', status: 'paid' }),
        );
      });
    });
  });
});
