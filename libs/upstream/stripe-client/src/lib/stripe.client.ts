import Stripe from 'stripe';
import { sharedRateBudget } from './rate-budget';
import { RateBudgetHttpClient } from './rate-budget.http-client';
import {
  resolveOptions,
  STRIPE_API_VERSION,
  type ResolvedStripeClientOptions,
  type StripeCallOptions,
  type StripeClientOptions,
  type StripeRequestRate,
} from './stripe-client.options';
import { StripeApiError } from './stripe-error';
import { toStripeApiError } from './stripe-error.mapper';
import { stripeEndpointOf } from './stripe-endpoint';
import { withRetries } from './stripe-retry';

export interface StripeListCallOptions extends StripeCallOptions {
  /** Objects per page, 1–100 (Stripe's maximum); default 100. */
  pageSize?: number;
}

/** Guards against a server whose `has_more` never ends. */
const MAX_PAGES = 1000;
/** Stripe ids are a prefix, `_`, then letters and digits; anything with a slash or a space is not one. */
const STRIPE_ID = /^[A-Za-z0-9_]+$/;

/** The customer's defaults, which Stripe charges after the subscription's own. */
const CUSTOMER_EXPAND = ['invoice_settings.default_payment_method', 'default_source'];
/** The subscription's defaults and its customer's (see selectStripeCard in @subsync/domain). */
const SUBSCRIPTION_EXPAND = [
  'default_payment_method',
  'default_source',
  ...CUSTOMER_EXPAND.map((path) => `customer.${path}`),
];

const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function clampPageSize(pageSize: number | undefined): number {
  return Math.min(Math.max(Math.trunc(pageSize ?? 100), 1), 100);
}

/**
 * subsync's Stripe client: reads subscriptions, customers, payment methods, paid invoices and the
 * upcoming invoice through the official SDK, pinned to {@link STRIPE_API_VERSION}. Works against
 * Stripe and against the bundled sandbox alike. Every attempt draws from the process's rate
 * budget; 429s, 5xx, timeouts and connection failures are retried with backoff. Failures are
 * thrown as {@link StripeApiError}.
 */
export class StripeClient {
  private readonly options: ResolvedStripeClientOptions;
  private readonly stripe: Stripe;
  private readonly rate: StripeRequestRate;

  constructor(options: StripeClientOptions) {
    this.options = resolveOptions(options);
    this.rate =
      options.rate ??
      sharedRateBudget(this.options.apiBase, this.options.apiKey, this.options.requestsPerSecond);
    this.stripe = new Stripe(this.options.apiKey, {
      apiVersion: STRIPE_API_VERSION,
      host: this.options.host,
      port: this.options.port,
      protocol: this.options.protocol,
      timeout: this.options.timeoutMs,
      // Retries are ours (see stripe-retry.ts).
      maxNetworkRetries: 0,
      telemetry: false,
      httpClient: new RateBudgetHttpClient(this.rate, this.options.observer),
      appInfo: { name: 'subsync' },
    });
  }

  /**
   * A subscription with everything needed to tell the card Stripe charges expanded, in one
   * request: its `default_payment_method` and `default_source`, and its customer with the
   * customer's `invoice_settings.default_payment_method` and `default_source`. All of its items
   * (each carries the billing period) are fetched, beyond the embedded first page too.
   */
  async getSubscription(id: string, call: StripeCallOptions = {}): Promise<Stripe.Subscription> {
    const operation = `GET /v1/subscriptions/${id}`;
    this.requireId(id, operation);
    const subscription = await this.call(operation, call, (options) =>
      this.stripe.subscriptions.retrieve(id, { expand: SUBSCRIPTION_EXPAND }, options),
    );
    this.expectObject(subscription, 'subscription', operation);
    if (subscription.items.has_more) {
      subscription.items.data = await this.listAll(
        `GET /v1/subscription_items?subscription=${id}`,
        call,
        (params, options) =>
          this.stripe.subscriptionItems.list({ subscription: id, ...params }, options),
      );
      subscription.items.has_more = false;
    }
    return subscription;
  }

  /**
   * A customer with `invoice_settings.default_payment_method` and `default_source` expanded. A
   * deleted customer is returned as Stripe answers it: `{ id, object: 'customer', deleted: true }`.
   */
  async getCustomer(
    id: string,
    call: StripeCallOptions = {},
  ): Promise<Stripe.Customer | Stripe.DeletedCustomer> {
    const operation = `GET /v1/customers/${id}`;
    this.requireId(id, operation);
    const customer = await this.call(operation, call, (options) =>
      this.stripe.customers.retrieve(id, { expand: CUSTOMER_EXPAND }, options),
    );
    this.expectObject(customer, 'customer', operation);
    return customer;
  }

  async getPaymentMethod(id: string, call: StripeCallOptions = {}): Promise<Stripe.PaymentMethod> {
    const operation = `GET /v1/payment_methods/${id}`;
    this.requireId(id, operation);
    const paymentMethod = await this.call(operation, call, (options) =>
      this.stripe.paymentMethods.retrieve(id, {}, options),
    );
    this.expectObject(paymentMethod, 'payment_method', operation);
    return paymentMethod;
  }

  /**
   * Every paid invoice of the subscription, newest first (all pages, `starting_after` cursors),
   * each with `amount_paid_off_stripe`: an includable property (API 2026-05-27.dahlia and later)
   * that Stripe sends only when asked for, through `expand[]` (Stripe's changelog for that
   * version; on a list the path starts with `data.`).
   */
  async listPaidInvoices(
    subscriptionId: string,
    call: StripeListCallOptions = {},
  ): Promise<Stripe.Invoice[]> {
    const operation = `GET /v1/invoices?subscription=${subscriptionId}&status=paid`;
    this.requireId(subscriptionId, operation);
    return await this.listAll(operation, call, (params, options) =>
      this.stripe.invoices.list(
        {
          subscription: subscriptionId,
          status: 'paid',
          expand: ['data.amount_paid_off_stripe'],
          ...params,
        },
        options,
      ),
    );
  }

  /**
   * The invoice Stripe would issue next for the subscription (`POST /v1/invoices/create_preview`;
   * its id is an unstable `upcoming_in_…`). Null when there is none: Stripe answers 404
   * `invoice_upcoming_none` for a subscription that has ended, is paused, or will cancel at the
   * end of its current period.
   */
  async previewUpcomingInvoice(
    subscriptionId: string,
    call: StripeCallOptions = {},
  ): Promise<Stripe.Invoice | null> {
    const operation = `POST /v1/invoices/create_preview (subscription=${subscriptionId})`;
    this.requireId(subscriptionId, operation);
    try {
      const invoice = await this.call(operation, call, (options) =>
        this.stripe.invoices.createPreview({ subscription: subscriptionId }, options),
      );
      this.expectObject(invoice, 'invoice', operation);
      return invoice;
    } catch (error) {
      if (error instanceof StripeApiError && error.stripeCode === 'invoice_upcoming_none')
        return null;
      throw error;
    }
  }

  /**
   * One page of the account's subscriptions, newest first, of every status (`status=all`):
   * `created[gte]`/`created[lt]` and `customer` narrow it; `startingAfter` is the last id of the
   * previous page.
   */
  async listSubscriptionsPage(
    list: {
      createdFrom?: Date;
      createdTo?: Date;
      customer?: string;
      startingAfter?: string;
      limit?: number;
    },
    call: StripeCallOptions = {},
  ): Promise<{ subscriptions: { id: string; customer: string }[]; hasMore: boolean }> {
    const operation = 'GET /v1/subscriptions';
    if (list.customer !== undefined) this.requireId(list.customer, operation);
    const created = {
      ...(list.createdFrom === undefined ? {} : { gte: unixSeconds(list.createdFrom) }),
      ...(list.createdTo === undefined ? {} : { lt: unixSeconds(list.createdTo) }),
    };
    const page = await this.call(operation, call, (options) =>
      this.stripe.subscriptions.list(
        {
          status: 'all',
          limit: clampPageSize(list.limit),
          ...(Object.keys(created).length === 0 ? {} : { created }),
          ...(list.customer === undefined ? {} : { customer: list.customer }),
          ...(list.startingAfter === undefined ? {} : { starting_after: list.startingAfter }),
        },
        options,
      ),
    );
    this.expectObject(page, 'list', operation);
    return {
      subscriptions: page.data.map((sub) => ({
        id: sub.id,
        customer: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
      })),
      hasMore: page.has_more,
    };
  }

  /**
   * One page of `customer.subscription.*` events created at or after `createdFrom`, newest first
   * (Stripe keeps events for 30 days): which subscriptions changed, and when.
   */
  async listSubscriptionEventsPage(
    list: { createdFrom: Date; startingAfter?: string; limit?: number },
    call: StripeCallOptions = {},
  ): Promise<{
    events: { id: string; subscription: string; created: Date }[];
    hasMore: boolean;
    /** The last event of the page, whatever its object: the next page's `startingAfter`. */
    lastId: string | null;
  }> {
    const operation = 'GET /v1/events?type=customer.subscription.*';
    const page = await this.call(operation, call, (options) =>
      this.stripe.events.list(
        {
          type: 'customer.subscription.*',
          created: { gte: unixSeconds(list.createdFrom) },
          limit: clampPageSize(list.limit),
          ...(list.startingAfter === undefined ? {} : { starting_after: list.startingAfter }),
        },
        options,
      ),
    );
    this.expectObject(page, 'list', operation);
    return {
      events: page.data.flatMap((event) => {
        const object = event.data.object as { id?: unknown; object?: unknown };
        return object.object === 'subscription' && typeof object.id === 'string'
          ? [{ id: event.id, subscription: object.id, created: new Date(event.created * 1000) }]
          : [];
      }),
      hasMore: page.has_more,
      lastId: page.data.at(-1)?.id ?? null,
    };
  }

  /** One logical call: retried as a whole, each attempt mapped to a StripeApiError. */
  private call<T>(
    operation: string,
    call: StripeCallOptions,
    request: (options: Stripe.RequestOptions) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    return withRetries(
      this.options,
      stripeEndpointOf(operation),
      async () => {
        try {
          return await request({ timeout: timeoutMs, maxNetworkRetries: 0 });
        } catch (error) {
          const failure = toStripeApiError(operation, error, timeoutMs);
          if (failure.code === 'RATE_LIMITED') this.rate.pushedBack();
          throw failure;
        }
      },
      call.signal,
    );
  }

  /** Pages through a list with `starting_after`; each page is its own retried call. */
  private async listAll<T extends { id: string }>(
    operation: string,
    call: StripeListCallOptions,
    page: (
      params: { limit: number; starting_after?: string },
      options: Stripe.RequestOptions,
    ) => Promise<Stripe.ApiList<T>>,
  ): Promise<T[]> {
    const limit = clampPageSize(call.pageSize);
    const all: T[] = [];
    let startingAfter: string | undefined;
    for (let n = 0; n < MAX_PAGES; n += 1) {
      const params =
        startingAfter === undefined ? { limit } : { limit, starting_after: startingAfter };
      const list = await this.call(operation, call, (options) => page(params, options));
      this.expectObject(list, 'list', operation);
      all.push(...list.data);
      const last = list.data.at(-1);
      if (!list.has_more) return all;
      if (last === undefined) {
        throw this.unexpected(operation, 'a page with has_more but no data');
      }
      startingAfter = last.id;
    }
    throw this.unexpected(operation, `more than ${MAX_PAGES} pages`);
  }

  private requireId(id: string, operation: string): void {
    if (!STRIPE_ID.test(id)) {
      throw new StripeApiError(
        'INVALID_REQUEST',
        `Stripe ${operation}: '${id}' is not a Stripe id`,
        {
          retryable: false,
          httpStatus: null,
        },
      );
    }
  }

  /** A 2xx answer of the wrong kind (a proxy page, a list instead of an object) is not usable. */
  private expectObject(value: unknown, object: string, operation: string): void {
    const actual = (value as { object?: unknown } | null)?.object;
    if (actual !== object) {
      throw this.unexpected(operation, `'${String(actual)}' where '${object}' was expected`);
    }
  }

  private unexpected(operation: string, what: string): StripeApiError {
    return new StripeApiError('UNEXPECTED_RESPONSE', `Stripe ${operation} answered with ${what}`, {
      retryable: false,
      httpStatus: 200,
    });
  }
}
