import Stripe from 'stripe';
import type { SandboxEvent } from './stripe-event.builder';

/** Where the sandbox delivers its events: one webhook endpoint, as configured in Stripe's dashboard. */
export interface WebhookEndpoint {
  url: string;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Event types to deliver; `['*']` (the default) is every type. */
  enabledEvents?: string[];
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string;
  attempts: number;
  /** The last answer's status, or null when the endpoint could not be reached. */
  status: number | null;
  delivered: boolean;
  /** The last attempt's time, ISO-8601. */
  at: string;
}

export interface WebhookSenderOptions {
  /** Attempts per event before it is given up (Stripe keeps trying for three days). */
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles it. */
  firstRetryDelayMs?: number;
  /** Events and deliveries kept for the admin API. */
  logLimit?: number;
  timeoutMs?: number;
}

const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';

/**
 * Delivers events to the configured endpoint as Stripe does: a POST of the event as JSON with a
 * `Stripe-Signature: t=<seconds>,v1=<HMAC-SHA256 of "<t>.<body>" with the secret>` header, signed
 * anew on each attempt, retried with a growing delay while the endpoint does not answer 2xx.
 * Each event goes on its own, so a slow or failing delivery holds no other up (Stripe does not
 * promise an order either).
 */
export class WebhookSender {
  private endpoint: WebhookEndpoint | null = null;
  private readonly sent: SandboxEvent[] = [];
  private readonly log: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly stopping = new AbortController();
  private readonly maxAttempts: number;
  private readonly firstRetryDelayMs: number;
  private readonly logLimit: number;
  private readonly timeoutMs: number;

  constructor(options: WebhookSenderOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.firstRetryDelayMs = options.firstRetryDelayMs ?? 500;
    this.logLimit = options.logLimit ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  configure(endpoint: WebhookEndpoint | null): void {
    this.endpoint = endpoint;
  }

  configured(): WebhookEndpoint | null {
    return this.endpoint;
  }

  /** How many endpoints an event will go to (its `pending_webhooks`). */
  endpointsFor(type: string): number {
    return this.endpoint !== null && wants(this.endpoint, type) ? 1 : 0;
  }

  /** Records the event and, when an endpoint wants it, delivers it in the background. */
  publish(event: SandboxEvent): void {
    this.sent.unshift(event);
    this.sent.splice(this.logLimit);
    this.deliver(event);
  }

  /** Delivers an event again, with the same id and body (the dashboard's "Resend"). */
  resend(eventId: string): SandboxEvent | undefined {
    const event = this.sent.find((e) => e.id === eventId);
    if (event !== undefined) this.deliver(event, { force: true });
    return event;
  }

  /** Events created, newest first. */
  events(): SandboxEvent[] {
    return [...this.sent];
  }

  /** Deliveries, newest first: one entry per event and endpoint, updated on each attempt. */
  deliveries(): WebhookDelivery[] {
    return [...this.log];
  }

  clear(): void {
    this.sent.length = 0;
    this.log.length = 0;
  }

  /** Resolves once every delivery under way has succeeded or been given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    await this.idle();
  }

  private deliver(event: SandboxEvent, options: { force?: boolean } = {}): void {
    const endpoint = this.endpoint;
    if (endpoint === null || this.closed) return;
    if (options.force !== true && !wants(endpoint, event.type)) return;
    const delivery: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      url: endpoint.url,
      attempts: 0,
      status: null,
      delivered: false,
      at: new Date().toISOString(),
    };
    this.log.unshift(delivery);
    this.log.splice(this.logLimit);
    const run = this.attempt(event, endpoint, delivery).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async attempt(
    event: SandboxEvent,
    endpoint: WebhookEndpoint,
    delivery: WebhookDelivery,
  ): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= this.maxAttempts && !this.closed; attempt += 1) {
      if (attempt > 1) {
        await sleep(this.firstRetryDelayMs * 2 ** (attempt - 2), this.stopping.signal);
        if (this.closed) return;
      }
      delivery.attempts = attempt;
      delivery.at = new Date().toISOString();
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': USER_AGENT,
            'stripe-signature': Stripe.webhooks.generateTestHeaderString({
              payload,
              secret: endpoint.secret,
              timestamp: Math.floor(Date.now() / 1000),
            }),
          },
          body: payload,
          signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.stopping.signal]),
        });
        await response.arrayBuffer();
        delivery.status = response.status;
        if (response.ok) {
          delivery.delivered = true;
          return;
        }
      } catch {
        delivery.status = null;
      }
    }
  }
}

function wants(endpoint: WebhookEndpoint, type: string): boolean {
  const enabled = endpoint.enabledEvents ?? ['*'];
  return enabled.includes('*') || enabled.includes(type);
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
