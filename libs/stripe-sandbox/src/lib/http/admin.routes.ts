import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { PriceInput } from '../store/sandbox.inputs';
import type { SeedName } from '../store/sandbox.records';
import { SandboxInputError, parseInput } from '../store/sandbox-input.error';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { renderCustomer, renderPaymentMethod } from '../views/customer.view';
import { renderInvoice } from '../views/invoice.view';
import { renderPrice } from '../views/price.view';
import { renderSubscription } from '../views/subscription.view';
import type { FaultInjector, FaultSpec } from './faults';
import type { RequestLog } from './request-log';

export interface AdminDependencies {
  store: StripeSandboxStore;
  faults: FaultInjector;
  log: RequestLog;
  reset: (seed: SeedName) => void;
}

const match = {
  count: z.number().int().min(1).optional(),
  pathPrefix: z.string().startsWith('/').optional(),
  method: z.string().optional(),
};
const shouldRetry = { shouldRetry: z.boolean().optional() };
const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('rate-limit'),
    code: z.enum(['rate_limit', 'lock_timeout']).optional(),
    reason: z
      .enum([
        'global-rate',
        'global-concurrency',
        'endpoint-rate',
        'endpoint-concurrency',
        'resource-specific',
      ])
      .optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    ...shouldRetry,
    ...match,
  }),
  z.strictObject({
    type: z.literal('server-error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...shouldRetry,
    ...match,
  }),
  z.strictObject({
    type: z.literal('delay'),
    delayMs: z.number().int().min(0).max(600_000),
    ...match,
  }),
  z.strictObject({
    type: z.literal('stripe-error'),
    status: z.number().int().min(400).max(599),
    errorType: z
      .enum(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error'])
      .optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
    ...shouldRetry,
    ...match,
  }),
  z.strictObject({ type: z.literal('connection-reset'), ...match }),
]);
const resetSchema = z.strictObject({ seed: z.enum(['demo', 'empty']).default('demo') });

/** The sandbox's own API under `/sandbox` (no Stripe authentication); see the README. */
export function adminRouter({ store, faults, log, reset }: AdminDependencies): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  // The store validates every body with zod, so handing it the parsed JSON as its input type is safe.
  const body = <T>(req: Request): T => (req.body ?? {}) as T;
  const created = (res: Response, isNew: boolean): Response => res.status(isNew ? 201 : 200);

  router.post('/reset', (req, res) => {
    const { seed } = parseInput(resetSchema, req.body ?? {}, 'reset');
    reset(seed);
    res.json({ seed });
  });

  router.put('/customers/:id', (req, res) => {
    const isNew = store.findCustomer(req.params.id) === undefined;
    created(res, isNew).json(renderCustomer(store.putCustomer(req.params.id, body(req))));
  });

  router.patch('/customers/:id', (req, res) => {
    res.json(renderCustomer(store.patchCustomer(req.params.id, body(req))));
  });

  router.put('/payment-methods/:id', (req, res) => {
    const isNew = store.findPaymentMethod(req.params.id) === undefined;
    created(res, isNew).json(renderPaymentMethod(store.putPaymentMethod(req.params.id, body(req))));
  });

  router.put('/prices/:id', (req, res) => {
    const isNew = store.findPrice(req.params.id) === undefined;
    created(res, isNew).json(
      renderPrice(store.putPrice({ ...body<PriceInput>(req), id: req.params.id })),
    );
  });

  router.put('/subscriptions/:id', (req, res) => {
    const isNew = store.findSubscription(req.params.id) === undefined;
    created(res, isNew).json(
      renderSubscription(store.putSubscription(req.params.id, body(req)), store),
    );
  });

  router.patch('/subscriptions/:id', (req, res) => {
    res.json(renderSubscription(store.patchSubscription(req.params.id, body(req)), store));
  });

  router.put('/subscriptions/:id/upcoming-invoice', (req, res) => {
    res.json(store.setUpcomingInvoice(req.params.id, body(req)));
  });

  router.delete('/subscriptions/:id/upcoming-invoice', (req, res) => {
    store.clearUpcomingInvoice(req.params.id);
    res.status(204).end();
  });

  router.put('/invoices/:id', (req, res) => {
    const isNew = store.findInvoice(req.params.id) === undefined;
    created(res, isNew).json(renderInvoice(store.putInvoice(req.params.id, body(req)), store));
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: faults.list() });
  });

  router.post('/faults', (req, res) => {
    const spec: FaultSpec = parseInput(faultSchema, req.body, 'fault');
    res.status(201).json(faults.inject(spec));
  });

  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const pathPrefix = typeof req.query.pathPrefix === 'string' ? req.query.pathPrefix : undefined;
    const method = typeof req.query.method === 'string' ? req.query.method : undefined;
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
