import type { Request, Router } from 'express';
import { z } from 'zod';
import {
  delayFaultShape,
  describeIssues,
  type FaultInjector,
  faultMatchShape,
  type RequestLog,
  SandboxInputError,
  sandboxAdminRouter,
} from '@subsync/sandbox-kit';
import type { BulkSeedOptions, BulkSeedResult } from '../seed/bulk.seed';
import type {
  AccountInput,
  OrderInput,
  PaymentMethodInput,
  SubscriptionInput,
  SubscriptionPatch,
} from '../store/sandbox.inputs';
import type { SeedName } from '../store/sandbox.records';
import type { SandboxStore } from '../store/sandbox.store';
import { renderAccount, renderPaymentMethod } from '../views/account.view';
import { renderSubscription } from '../views/subscription.view';
import type { ActiveFault, FaultSpec, QueuedFaultSpec } from './faults';
import type { GatewaySettingsPatch, GatewayState } from './gateway.state';
import { queryValue } from './query-params';
import type { SandboxRequestLogEntry } from './request-log';
import { ERROR_CATEGORIES, type ErrorCategory } from './zuora-responses';

export interface AdminDependencies {
  store: SandboxStore;
  faults: FaultInjector<QueuedFaultSpec>;
  injectFault: (spec: FaultSpec) => ActiveFault | null;
  log: RequestLog<SandboxRequestLogEntry>;
  reset: (seed: SeedName) => void;
  gateway: GatewayState;
  bulkSeed: (options: BulkSeedOptions) => BulkSeedResult;
}

const faultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rate-limit'),
    retryAfterSeconds: z.number().int().min(0).optional(),
    ...faultMatchShape,
  }),
  z.object({
    type: z.literal('server-error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...faultMatchShape,
  }),
  z.object(delayFaultShape),
  z.object({
    type: z.literal('zuora-error'),
    category: z
      .number()
      .refine((c): c is ErrorCategory => (ERROR_CATEGORIES as readonly number[]).includes(c), {
        message: `category must be one of ${ERROR_CATEGORIES.join(', ')}`,
      }),
    message: z.string().optional(),
    ...faultMatchShape,
  }),
  z.object({ type: z.literal('expire-tokens') }),
]);
const resetSchema = z.object({ seed: z.enum(['demo', 'empty']).default('demo') });
const bulkSeedSchema = z.strictObject({
  subscriptions: z.number().int().min(1).max(1_000_000),
  start: z.number().int().min(1).optional(),
});
const inPlaceSchema = z.enum(['true', 'false']).optional();

/** Unlike the store's input errors, admin body errors name no object: `field: issue; …`. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new SandboxInputError(describeIssues(result.error, '(body)'));
  return result.data;
}

const allSegments = (store: SandboxStore) => ({
  chargeDetail: { mode: 'all-segments' } as const,
  excludeRatePlansWithNoCharges: false,
  today: store.today(),
  isLatestVersion: true,
});

/** The sandbox's own API under `/sandbox` (no Zuora authentication); see the README. */
export function adminRouter(deps: AdminDependencies): Router {
  return sandboxAdminRouter({
    routes: (router) => {
      gatewayRoutes(router, deps);
      dataRoutes(router, deps);
    },
    faults: deps.faults,
    parseFault: (body): FaultSpec => parse(faultSchema, body),
    injectFault: deps.injectFault,
    log: deps.log,
    queryParam: queryValue,
  });
}

/** The gateway's latency and limits, and what it counted. */
function gatewayRoutes(router: Router, { gateway }: AdminDependencies): void {
  router.get('/settings', (_req, res) => {
    res.json(gateway.settings);
  });

  router.put('/settings', (req, res) => {
    res.json(gateway.configure((req.body ?? {}) as GatewaySettingsPatch));
  });

  router.get('/stats', (_req, res) => {
    res.json(gateway.stats());
  });

  router.delete('/stats', (_req, res) => {
    gateway.resetStats();
    res.status(204).end();
  });
}

/** Reset and the tenant's data. */
function dataRoutes(router: Router, { store, reset, bulkSeed }: AdminDependencies): void {
  // The store validates every body with zod, so handing it the parsed JSON as its input type is safe.
  const body = <T>(req: Request): T => req.body as T;

  router.post('/reset', (req, res) => {
    const { seed } = parse(resetSchema, req.body ?? {});
    reset(seed);
    res.json({ seed });
  });

  router.put('/accounts/:accountNumber', (req, res) => {
    const created = store.findAccount(req.params.accountNumber) === undefined;
    const account = store.putAccount(req.params.accountNumber, body<AccountInput>(req));
    res.status(created ? 201 : 200).json(renderAccount(account));
  });

  router.patch('/accounts/:key', (req, res) => {
    res.json(renderAccount(store.patchAccount(req.params.key, body<AccountInput>(req))));
  });

  router.put('/accounts/:key/payment-methods', (req, res) => {
    const input: unknown = req.body;
    const list = Array.isArray(input)
      ? input
      : (body<{ paymentMethods?: unknown }>(req).paymentMethods ?? null);
    if (!Array.isArray(list))
      throw new SandboxInputError(
        'expected an array of payment methods, or { paymentMethods: [...] }',
      );
    const methods = store.replacePaymentMethods(req.params.key, list as PaymentMethodInput[]);
    res.json({ paymentMethods: methods.map(renderPaymentMethod) });
  });

  router.post('/accounts/:key/payment-methods', (req, res) => {
    res
      .status(201)
      .json(
        renderPaymentMethod(store.addPaymentMethod(req.params.key, body<PaymentMethodInput>(req))),
      );
  });

  router.put('/subscriptions/:subscriptionNumber', (req, res) => {
    const record = store.putSubscription(
      req.params.subscriptionNumber,
      body<SubscriptionInput>(req),
    );
    res.status(201).json(renderSubscription(record, allSegments(store)));
  });

  router.post('/bulk-seed', (req, res) => {
    res.status(201).json(bulkSeed(parse(bulkSeedSchema, req.body ?? {})));
  });

  router.patch('/subscriptions/:key', (req, res) => {
    const inPlace = inPlaceSchema.safeParse(queryValue(req, 'inPlace'));
    if (!inPlace.success) throw new SandboxInputError('inPlace: expected true or false');
    const record = store.patchSubscription(req.params.key, body<SubscriptionPatch>(req), {
      inPlace: inPlace.data === 'true',
    });
    // In place nothing new is created; otherwise the patch stored a new version.
    res
      .status(inPlace.data === 'true' ? 200 : 201)
      .json(renderSubscription(record, allSegments(store)));
  });

  router.get('/subscriptions/:key/versions', (req, res) => {
    const versions = store.subscriptionVersions(req.params.key);
    if (!versions)
      throw new SandboxInputError(`no subscription with number or id '${req.params.key}'`, 404);
    res.json({
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        updatedDate: v.updatedDate,
      })),
    });
  });

  router.put('/orders/:orderNumber', (req, res) => {
    res.json({
      success: true,
      order: store.putOrder(req.params.orderNumber, body<OrderInput>(req)),
    });
  });
}
