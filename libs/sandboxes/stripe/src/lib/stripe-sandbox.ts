import express, { type NextFunction, type Request, type Response } from 'express';
import {
  clientErrorStatus,
  createSandboxApp,
  type RequestLogFilter,
  startSandbox,
} from '@subsync/sandbox-kit';
import { adminRouter } from './http/admin.routes';
import { apiKeyAuth } from './http/api-key-auth.middleware';
import { customersRouter } from './http/customers.routes';
import { eventsRouter } from './http/events.routes';
import { type ActiveFault, type FaultSpec, stripeFaultInjector } from './http/faults';
import { gatewayMiddleware } from './http/gateway.middleware';
import { IdempotencyKeys } from './http/idempotency.middleware';
import { invoicesRouter } from './http/invoices.routes';
import { type SandboxRequestLogEntry, stripeRequestLog } from './http/request-log';
import {
  internalError,
  sendHttpError,
  StripeHttpError,
  unrecognizedUrl,
} from './http/stripe-errors';
import { subscriptionsRouter } from './http/subscriptions.routes';
import {
  STRIPE_SANDBOX_API_KEY,
  STRIPE_SANDBOX_API_VERSION,
  STRIPE_SANDBOX_DEFAULT_RATE_LIMIT_PER_SECOND,
} from './sandbox.constants';
import {
  seedStripeBulk,
  type StripeBulkSeedOptions,
  type StripeBulkSeedResult,
} from './seed/bulk.seed';
import { seedStore } from './seed/demo.seed';
import type { SeedName } from './store/sandbox.records';
import type { StripeSandboxStore } from './store/sandbox.store';
import { WebhookEmittingStore } from './webhooks/webhook-emitting.store';
import { type WebhookEndpoint, WebhookSender } from './webhooks/webhook-sender';
import { webhooksRouter } from './webhooks/webhooks.routes';

export interface StripeSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The only accepted secret key; default {@link STRIPE_SANDBOX_API_KEY}. */
  apiKey?: string;
  /** Initial data; default `demo`. */
  seed?: SeedName;
  /** `/v1` requests per second before 429 (a one-second burst is allowed); default 25. `Infinity` disables it. */
  rateLimitPerSecond?: number;
  /** The account's API version, answered when a request sends no `Stripe-Version`. */
  accountApiVersion?: string;
  /** Requests kept in the request log; default 1,000. */
  requestLogLimit?: number;
  /** The sandbox's clock: "now" for seeded dates and defaults. Default: real time. */
  clock?: () => Date;
  /** Where to send webhooks when the account's data changes; also settable later (`webhooks`). */
  webhook?: WebhookEndpoint;
}

export interface StripeSandbox {
  /** Base URL, e.g. `http://127.0.0.1:12111` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  /** Direct access to the account's data (the same operations as the admin API). */
  readonly store: StripeSandboxStore;
  /** Empties the store and loads a seed; clears faults, idempotency keys and the request log. */
  reset(seed?: SeedName): void;
  /** Adds subscriptions, each with a customer of its own, quietly (no events); see the README. */
  seedBulk(options: StripeBulkSeedOptions): StripeBulkSeedResult;
  /** Queues a fault for the next matching requests. */
  injectFault(fault: FaultSpec): ActiveFault;
  clearFaults(): void;
  /** The request log, oldest first (admin calls are not logged). */
  requests(filter?: RequestLogFilter): SandboxRequestLogEntry[];
  clearRequests(): void;
  /** The webhook endpoint, and the events the sandbox created and delivered. */
  readonly webhooks: WebhookSender;
  close(): Promise<void>;
}

/** Starts a stateful fake of Stripe's v1 API for the official SDK. See libs/sandboxes/stripe/README.md. */
export async function createStripeSandbox(
  options: StripeSandboxOptions = {},
): Promise<StripeSandbox> {
  const clock = options.clock ?? (() => new Date());
  const apiKey = options.apiKey ?? STRIPE_SANDBOX_API_KEY;
  const webhooks = new WebhookSender();
  const store = new WebhookEmittingStore(
    clock,
    webhooks,
    options.accountApiVersion ?? STRIPE_SANDBOX_API_VERSION,
  );
  const log = stripeRequestLog(options.requestLogLimit ?? 1000);
  const faults = stripeFaultInjector();
  const idempotency = new IdempotencyKeys();
  const reset = (seed: SeedName = 'demo'): void => {
    store.quietly(() => seedStore(store, seed));
    webhooks.clear();
    faults.clear();
    idempotency.clear();
    log.clear();
  };
  reset(options.seed ?? 'demo');
  const bulkSeed = (bulk: StripeBulkSeedOptions): StripeBulkSeedResult => {
    let result: StripeBulkSeedResult | undefined;
    store.quietly(() => {
      result = seedStripeBulk(store, bulk);
    });
    return result!;
  };
  webhooks.configure(options.webhook ?? null);

  const app = createSandboxApp();
  app.use('/sandbox/webhooks', webhooksRouter(webhooks));
  app.use('/sandbox', adminRouter({ store, faults, log, reset, bulkSeed }));
  app.use(express.text({ type: () => true, limit: '1mb' }));
  app.use(
    gatewayMiddleware({
      accountApiVersion: options.accountApiVersion ?? STRIPE_SANDBOX_API_VERSION,
      rateLimitPerSecond:
        options.rateLimitPerSecond ?? STRIPE_SANDBOX_DEFAULT_RATE_LIMIT_PER_SECOND,
      log,
    }),
  );
  app.use(faults.middleware());
  app.use(apiKeyAuth(apiKey));
  app.use(idempotency.middleware());
  app.use(
    '/v1',
    customersRouter(store),
    subscriptionsRouter(store),
    invoicesRouter(store),
    eventsRouter(webhooks),
  );
  app.use((req: Request) => {
    throw unrecognizedUrl(req);
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof StripeHttpError) {
      sendHttpError(req, res, error);
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      // Body parser failures (e.g. a body over 1 MB).
      sendHttpError(
        req,
        res,
        new StripeHttpError(status, {
          type: 'invalid_request_error',
          message: error instanceof Error ? error.message : 'Invalid request.',
        }),
      );
      return;
    }
    sendHttpError(req, res, internalError());
  });

  const handle = await startSandbox(app, { port: options.port, host: options.host, faults, log });
  return {
    ...handle,
    apiKey,
    store,
    reset,
    seedBulk: bulkSeed,
    webhooks,
    injectFault: (fault) => faults.inject(fault),
    close: async () => {
      await webhooks.close();
      await handle.close();
    },
  };
}
