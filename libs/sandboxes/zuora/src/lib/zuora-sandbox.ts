import type { NextFunction, Request, Response } from 'express';
import {
  clientErrorStatus,
  createSandboxApp,
  type RequestLogFilter,
  startSandbox,
} from '@subsync/sandbox-kit';
import { accountsRouter } from './http/accounts.routes';
import { adminRouter } from './http/admin.routes';
import { bearerAuth } from './http/bearer-auth.middleware';
import { type ActiveFault, type FaultSpec, injectFault, zuoraFaultInjector } from './http/faults';
import { createGateway } from './http/gateway.middleware';
import {
  type GatewaySettings,
  type GatewaySettingsPatch,
  GatewayState,
  type GatewayStats,
} from './http/gateway.state';
import { objectQueryRouter } from './http/object-query.routes';
import { oauthRouter } from './http/oauth.routes';
import { ordersRouter } from './http/orders.routes';
import { type SandboxRequestLogEntry, zuoraRequestLog } from './http/request-log';
import { subscriptionsRouter } from './http/subscriptions.routes';
import { TokenRegistry } from './http/token-registry';
import { sendServerFailure } from './http/zuora-responses';
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_DEFAULT_CONCURRENCY_LIMIT,
  SANDBOX_DEFAULT_OBJECT_QUERY_CONCURRENCY_LIMIT,
  SANDBOX_DEFAULT_TOKEN_TTL_SECONDS,
  SANDBOX_DEFAULT_ZUORA_VERSION,
} from './sandbox.constants';
import { type BulkSeedOptions, type BulkSeedResult, seedBulk } from './seed/bulk.seed';
import { seedStore } from './seed/demo.seed';
import type { SeedName, SegmentShape } from './store/sandbox.records';
import { SandboxStore } from './store/sandbox.store';

export interface ZuoraSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens; default 3599. */
  tokenTtlSeconds?: number;
  /** Initial data; default `demo`. */
  seed?: SeedName;
  /** Wait before answering every API request (`/v1`, `/object-query`, `/oauth/token`); default 0. */
  latencyMs?: number;
  /** `/v1` requests in flight before 429; default 40. */
  concurrencyLimit?: number;
  /** `/object-query` requests in flight before 429 (a limit of their own); default 80. */
  objectQueryConcurrencyLimit?: number;
  /** API requests per minute before 429; default 50,000. */
  rateLimitPerMinute?: number;
  /** Minor version used when a request sends no `Zuora-Version`; default `186.0` (HTTP 200 errors). */
  defaultZuoraVersion?: string;
  /** Requests kept in the request log; default 1,000. */
  requestLogLimit?: number;
  /** The sandbox's clock: "today" for seeded dates and segments, token expiry. Default: real time. */
  clock?: () => Date;
  /** How `charge-detail=all-segments` renders segments (`rich` or `lean`); default `rich`. */
  segmentShape?: SegmentShape;
}

export interface ZuoraSandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Direct access to the tenant's data (the same operations as the admin API). */
  readonly store: SandboxStore;
  /**
   * Empties the store and loads a seed; clears faults, the request log and the stats (tokens
   * and settings stay).
   */
  reset(seed?: SeedName): void;
  /** Changes latency and concurrency limits at once; throws a SandboxInputError for a bad value. */
  configure(patch: GatewaySettingsPatch): GatewaySettings;
  settings(): GatewaySettings;
  /** In-flight counts, their maxima, requests served and 429s given by the limits. */
  stats(): GatewayStats;
  /** Zeroes the counters; the maxima restart from the requests in flight now. */
  resetStats(): void;
  /** Adds subscriptions, each on its own account; see `seedBulk` in the README. */
  seedBulk(options: BulkSeedOptions): BulkSeedResult;
  /** Queues a fault for the next matching requests (`expire-tokens` acts at once and returns null). */
  injectFault(fault: FaultSpec): ActiveFault | null;
  clearFaults(): void;
  /** Every token issued so far stops working. */
  expireTokens(): void;
  /** The request log, oldest first (admin calls are not logged). */
  requests(filter?: RequestLogFilter): SandboxRequestLogEntry[];
  clearRequests(): void;
  close(): Promise<void>;
}

/** Starts a stateful fake of Zuora's v1 REST API. See libs/sandboxes/zuora/README.md. */
export async function createZuoraSandbox(options: ZuoraSandboxOptions = {}): Promise<ZuoraSandbox> {
  const clock = options.clock ?? (() => new Date());
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET;
  const store = new SandboxStore(clock);
  const tokens = new TokenRegistry(
    options.tokenTtlSeconds ?? SANDBOX_DEFAULT_TOKEN_TTL_SECONDS,
    clock,
  );
  const log = zuoraRequestLog(options.requestLogLimit ?? 1000, clock);
  const faults = zuoraFaultInjector();
  const inject = (spec: FaultSpec): ActiveFault | null => injectFault(faults, tokens, spec);
  const state = new GatewayState({
    latencyMs: options.latencyMs ?? 0,
    concurrencyLimit: options.concurrencyLimit ?? SANDBOX_DEFAULT_CONCURRENCY_LIMIT,
    objectQueryConcurrencyLimit:
      options.objectQueryConcurrencyLimit ?? SANDBOX_DEFAULT_OBJECT_QUERY_CONCURRENCY_LIMIT,
    segmentShape: options.segmentShape ?? 'rich',
  });
  const reset = (seed: SeedName = 'demo'): void => {
    seedStore(store, seed);
    faults.clear();
    log.clear();
    state.resetStats();
  };
  reset(options.seed ?? 'demo');
  const bulkSeed = (bulk: BulkSeedOptions): BulkSeedResult => seedBulk(store, bulk);

  const gateway = createGateway({
    state,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 50_000,
    defaultZuoraVersion: options.defaultZuoraVersion ?? SANDBOX_DEFAULT_ZUORA_VERSION,
    log,
    clock,
  });
  const app = createSandboxApp();
  app.use(
    '/sandbox',
    adminRouter({ store, faults, injectFault: inject, log, reset, gateway: state, bulkSeed }),
  );
  app.use(gateway.handle);
  app.use(faults.middleware());
  app.use(gateway.countServed);
  app.use(oauthRouter({ clientId, clientSecret }, tokens));
  app.use(['/v1', '/object-query'], bearerAuth(tokens));
  app.use(
    '/v1',
    subscriptionsRouter(store, () => state.settings.segmentShape),
    accountsRouter(store),
    ordersRouter(store),
  );
  app.use('/object-query', objectQueryRouter(store));
  // Unknown routes are answered by Zuora's gateway, not by the v1 API.
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ message: 'no Route matched with those values' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      res.status(status).json({ message: error instanceof Error ? error.message : 'Bad request' });
      return;
    }
    sendServerFailure(res, 500);
  });

  const handle = await startSandbox(app, { port: options.port, host: options.host, faults, log });
  return {
    ...handle,
    clientId,
    clientSecret,
    store,
    reset,
    configure: (patch) => state.configure(patch),
    settings: () => state.settings,
    stats: () => state.stats(),
    resetStats: () => state.resetStats(),
    seedBulk: bulkSeed,
    injectFault: inject,
    expireTokens: () => {
      tokens.expireAll();
    },
    close: () => {
      gateway.dispose();
      return handle.close();
    },
  };
}
