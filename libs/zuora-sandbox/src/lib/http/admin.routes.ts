import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type {
  AccountInput,
  OrderInput,
  PaymentMethodInput,
  SubscriptionInput,
} from '../store/sandbox.inputs';
import type { SeedName } from '../store/sandbox.records';
import { SandboxInputError, type SandboxStore } from '../store/sandbox.store';
import { renderAccount, renderPaymentMethod } from '../views/account.view';
import { renderSubscription } from '../views/subscription.view';
import type { FaultInjector, FaultSpec } from './faults';
import { queryValue } from './query-params';
import type { RequestLog } from './request-log';
import { ERROR_CATEGORIES, type ErrorCategory } from './zuora-responses';

export interface AdminDependencies {
  store: SandboxStore;
  faults: FaultInjector;
  log: RequestLog;
  reset: (seed: SeedName) => void;
}

const match = {
  count: z.number().int().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  method: z.string().optional(),
};
const faultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('rate-limit'),
    retryAfterSeconds: z.number().int().min(0).optional(),
    ...match,
  }),
  z.object({
    type: z.literal('server-error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...match,
  }),
  z.object({ type: z.literal('delay'), delayMs: z.number().int().min(0).max(600_000), ...match }),
  z.object({
    type: z.literal('zuora-error'),
    category: z
      .number()
      .refine((c): c is ErrorCategory => (ERROR_CATEGORIES as readonly number[]).includes(c), {
        message: `category must be one of ${ERROR_CATEGORIES.join(', ')}`,
      }),
    message: z.string().optional(),
    ...match,
  }),
  z.object({ type: z.literal('expire-tokens') }),
]);
const resetSchema = z.object({ seed: z.enum(['demo', 'empty']).default('demo') });

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new SandboxInputError(
      result.error.issues
        .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}

const allSegments = (store: SandboxStore) => ({
  chargeDetail: { mode: 'all-segments' } as const,
  excludeRatePlansWithNoCharges: false,
  today: store.today(),
  isLatestVersion: true,
});

/** The sandbox's own API under `/sandbox` (no Zuora authentication); see the README. */
export function adminRouter({ store, faults, log, reset }: AdminDependencies): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
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

  router.patch('/subscriptions/:key', (req, res) => {
    const record = store.patchSubscription(req.params.key, body<SubscriptionInput>(req));
    res.status(201).json(renderSubscription(record, allSegments(store)));
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

  router.get('/faults', (_req, res) => {
    res.json({ faults: faults.list() });
  });

  router.post('/faults', (req, res) => {
    const spec: FaultSpec = parse(faultSchema, req.body);
    const fault = faults.inject(spec);
    res.status(fault ? 201 : 200).json(fault ?? { type: spec.type, applied: true });
  });

  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const pathPrefix = queryValue(req, 'pathPrefix');
    const method = queryValue(req, 'method');
    res.json({
      requests: log.list({ ...(pathPrefix ? { pathPrefix } : {}), ...(method ? { method } : {}) }),
    });
  });

  router.delete('/requests', (_req, res) => {
    log.clear();
    res.status(204).end();
  });

  router.use((req, res) => {
    res
      .status(404)
      .json({ message: `no sandbox admin route for ${req.method} ${req.originalUrl}` });
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof SandboxInputError) {
      res.status(error.status).json({ message: error.message });
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ message: error instanceof Error ? error.message : 'bad request' });
      return;
    }
    res.status(500).json({ message: error instanceof Error ? error.message : 'internal error' });
  });

  return router;
}
