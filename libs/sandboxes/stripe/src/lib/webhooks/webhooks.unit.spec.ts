import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STRIPE_SANDBOX_API_VERSION } from '../sandbox.constants';
import { STRIPE_SANDBOX_DEMO as DEMO } from '../seed/demo.constants';
import { createStripeSandbox, type StripeSandbox } from '../stripe-sandbox';

const SECRET = 'whsec_sandboxUnitSpec';

interface Received {
  signature: string;
  body: string;
  event: {
    id: string;
    object: string;
    type: string;
    created: number;
    api_version: string;
    livemode: boolean;
    pending_webhooks: number;
    request: { id: string | null; idempotency_key: string | null };
    data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  };
}

/** A webhook endpoint that records what it gets and answers with the next queued status. */
class Endpoint {
  readonly received: Received[] = [];
  statuses: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        this.received.push({
          signature: String(req.headers['stripe-signature']),
          body,
          event: JSON.parse(body) as Received['event'],
        });
        res.statusCode = this.statuses.shift() ?? 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The types received, sorted: deliveries run side by side, so they may arrive in any order. */
  types(): string[] {
    return this.received.map((r) => r.event.type).sort();
  }

  ofType(type: string): Received['event'] | undefined {
    return this.received.find((r) => r.event.type === type)?.event;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

/** Stripe's scheme, computed here without the SDK: v1 = HMAC-SHA256(secret, "<t>.<body>"). */
function signatureIsValid({ signature, body }: Received, secret: string): boolean {
  const parts = new Map(signature.split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.${body}`)
    .digest('hex');
  return parts.get('v1') === expected && Math.abs(Number(parts.get('t')) - Date.now() / 1000) < 60;
}

describe('Stripe sandbox: webhooks', () => {
  let sandbox: StripeSandbox;
  const endpoint = new Endpoint();

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/sandbox${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    await endpoint.start();
    sandbox = await createStripeSandbox({
      seed: 'demo',
      rateLimitPerSecond: Infinity,
      webhook: { url: endpoint.url, secret: SECRET },
    });
  });
  beforeEach(() => {
    sandbox.reset('demo');
    sandbox.webhooks.configure({ url: endpoint.url, secret: SECRET });
    endpoint.received.length = 0;
    endpoint.statuses = [];
  });
  afterAll(async () => {
    await sandbox.close();
    await endpoint.stop();
  });

  it('seeding and resets announce nothing', async () => {
    await sandbox.webhooks.idle();
    expect(endpoint.received).toEqual([]);
    expect(sandbox.webhooks.events()).toEqual([]);
  });

  it('a subscription change is delivered as Stripe’s event, signed with the endpoint’s secret', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect(
      (
        await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
          cancel_at_period_end: true,
        })
      ).status,
    ).toBe(200);
    await sandbox.webhooks.idle();

    expect(endpoint.types()).toEqual(['customer.subscription.updated']);
    const [delivery] = endpoint.received;
    expect(signatureIsValid(delivery!, SECRET)).toBe(true);
    expect(signatureIsValid(delivery!, 'whsec_other')).toBe(false);
    expect(delivery!.event).toEqual({
      id: expect.stringMatching(/^evt_[A-Za-z0-9]{24}$/),
      object: 'event',
      api_version: STRIPE_SANDBOX_API_VERSION,
      created: expect.any(Number),
      data: {
        object: expect.objectContaining({
          id: DEMO.subscriptions.activeGbp,
          object: 'subscription',
          cancel_at_period_end: true,
        }),
        previous_attributes: { cancel_at_period_end: false },
      },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'customer.subscription.updated',
    });
    expect(delivery!.event.created).toBeGreaterThanOrEqual(before);
  });

  it('a cancellation is also customer.subscription.deleted', async () => {
    await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
      status: 'canceled',
      canceled_at: 1_900_000_000,
      ended_at: 1_900_000_000,
    });
    await sandbox.webhooks.idle();
    expect(endpoint.types()).toEqual([
      'customer.subscription.deleted',
      'customer.subscription.updated',
    ]);
  });

  it('a new default card: customer.updated with the previous default only', async () => {
    await admin('PUT', '/payment-methods/pm_unitNew', {
      customer: DEMO.customers.amelia,
      card: { brand: 'mastercard', last4: '4444', exp_month: 1, exp_year: 2032 },
    });
    const previousDefault = sandbox.store.findCustomer(
      DEMO.customers.amelia,
    )?.default_payment_method;
    await admin('PATCH', `/customers/${DEMO.customers.amelia}`, {
      invoice_settings: { default_payment_method: 'pm_unitNew' },
    });
    await sandbox.webhooks.idle();

    expect(endpoint.types()).toEqual(['customer.updated', 'payment_method.attached']);
    expect(endpoint.ofType('customer.updated')?.data.previous_attributes).toEqual({
      invoice_settings: { default_payment_method: previousDefault },
    });
  });

  it('a legacy card: customer.source.created, updated with what changed, deleted when it leaves', async () => {
    const card = (customer: string | null, expYear: number) => ({
      customer,
      card: { brand: 'Visa', last4: '4242', exp_month: 12, exp_year: expYear },
    });
    await admin('PUT', '/sources/card_unitLegacy', card(DEMO.customers.amelia, 2030));
    await admin('PUT', '/sources/card_unitLegacy', card(DEMO.customers.amelia, 2031));
    await admin('PUT', '/sources/card_unitLegacy', card(null, 2031));
    await admin('PUT', '/sources/card_unitLoose', card(null, 2031));
    await sandbox.webhooks.idle();

    // Sorted: deliveries may arrive in any order, as Stripe's do.
    expect(endpoint.types()).toEqual([
      'customer.source.created',
      'customer.source.deleted',
      'customer.source.updated',
    ]);
    expect(endpoint.ofType('customer.source.created')?.data.object).toMatchObject({
      id: 'card_unitLegacy',
      object: 'card',
      customer: DEMO.customers.amelia,
      last4: '4242',
    });
    expect(endpoint.ofType('customer.source.updated')?.data.previous_attributes).toEqual({
      exp_year: 2030,
    });
  });

  it('an invoice paid at once: created, finalized, paid, payment_succeeded', async () => {
    await admin('PUT', '/invoices/in_unitPaid', {
      subscription: DEMO.subscriptions.activeGbp,
      status: 'paid',
      amount_due: 1499,
    });
    await sandbox.webhooks.idle();
    expect(endpoint.types()).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    expect(endpoint.ofType('invoice.paid')?.data.object).toMatchObject({
      id: 'in_unitPaid',
      object: 'invoice',
      status: 'paid',
    });
  });

  it('retries a delivery the endpoint did not take, with the same event', async () => {
    endpoint.statuses = [500, 503];
    await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
      cancel_at_period_end: true,
    });
    await sandbox.webhooks.idle();
    expect(endpoint.received).toHaveLength(3);
    expect(new Set(endpoint.received.map((r) => r.event.id)).size).toBe(1);
    expect(sandbox.webhooks.deliveries()[0]).toMatchObject({
      attempts: 3,
      status: 200,
      delivered: true,
    });
  }, 15_000);

  it('resends an event with the same id and body, newly signed', async () => {
    await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
      cancel_at_period_end: true,
    });
    await sandbox.webhooks.idle();
    const [first] = endpoint.received;
    expect((await admin('POST', `/webhooks/events/${first!.event.id}/resend`)).status).toBe(200);
    await sandbox.webhooks.idle();
    expect(endpoint.received).toHaveLength(2);
    expect(endpoint.received[1]!.body).toBe(first!.body);
    expect(signatureIsValid(endpoint.received[1]!, SECRET)).toBe(true);
  });

  it('the endpoint is set through the admin API; without one nothing is sent but events are kept', async () => {
    expect((await admin('DELETE', '/webhooks/endpoint')).status).toBe(204);
    await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
      cancel_at_period_end: true,
    });
    await sandbox.webhooks.idle();
    expect(endpoint.received).toEqual([]);
    const events = (await (await admin('GET', '/webhooks/events')).json()) as {
      data: { type: string; pending_webhooks: number }[];
    };
    expect(events.data).toEqual([
      expect.objectContaining({ type: 'customer.subscription.updated', pending_webhooks: 0 }),
    ]);

    expect(
      (await admin('PUT', '/webhooks/endpoint', { url: 'not a url', secret: SECRET })).status,
    ).toBe(400);
    expect(
      (
        await admin('PUT', '/webhooks/endpoint', {
          url: endpoint.url,
          secret: SECRET,
          enabledEvents: ['invoice.paid'],
        })
      ).status,
    ).toBe(200);
    await admin('PATCH', `/subscriptions/${DEMO.subscriptions.activeGbp}`, {
      cancel_at_period_end: false,
    });
    await sandbox.webhooks.idle();
    expect(endpoint.received).toEqual([]);
  });
});
