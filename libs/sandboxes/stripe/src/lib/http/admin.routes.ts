import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  delayFaultShape,
  type FaultInjector,
  faultMatchShape,
  parseInput,
  type RequestLog,
  sandboxAdminRouter,
} from '@subsync/sandbox-kit';
import type { StripeBulkSeedOptions, StripeBulkSeedResult } from '../seed/bulk.seed';
import type { PriceInput } from '../store/sandbox.inputs';
import type { SeedName } from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { renderCustomer, renderPaymentMethod, renderSource } from '../views/customer.view';
import { renderInvoice } from '../views/invoice.view';
import { renderPrice } from '../views/price.view';
import { renderSubscription } from '../views/subscription.view';
import type { FaultSpec } from './faults';
import type { SandboxRequestLogEntry } from './request-log';

export interface AdminDependencies {
  store: StripeSandboxStore;
  faults: FaultInjector<FaultSpec>;
  log: RequestLog<SandboxRequestLogEntry>;
  reset: (seed: SeedName) => void;
  bulkSeed: (options: StripeBulkSeedOptions) => StripeBulkSeedResult;
}

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
    ...faultMatchShape,
  }),
  z.strictObject({
    type: z.literal('server-error'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...shouldRetry,
    ...faultMatchShape,
  }),
  z.strictObject(delayFaultShape),
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
    ...faultMatchShape,
  }),
  z.strictObject({ type: z.literal('connection-reset'), ...faultMatchShape }),
]);
const resetSchema = z.strictObject({ seed: z.enum(['demo', 'empty']).default('demo') });
const bulkSeedSchema = z.strictObject({
  subscriptions: z.number().int().min(1).max(100_000),
  start: z.number().int().min(1).optional(),
});

/** The sandbox's own API under `/sandbox` (no Stripe authentication); see the README. */
export function adminRouter(deps: AdminDependencies): Router {
  return sandboxAdminRouter({
    routes: (router) => dataRoutes(router, deps),
    faults: deps.faults,
    parseFault: (body): FaultSpec => parseInput(faultSchema, body, 'fault'),
    injectFault: (spec) => deps.faults.inject(spec),
    log: deps.log,
  });
}

/** Reset and the account's data. */
function dataRoutes(router: Router, { store, reset, bulkSeed }: AdminDependencies): void {
  // The store validates every body with zod, so handing it the parsed JSON as its input type is safe.
  const body = <T>(req: Request): T => (req.body ?? {}) as T;
  const created = (res: Response, isNew: boolean): Response => res.status(isNew ? 201 : 200);

  router.post('/reset', (req, res) => {
    const { seed } = parseInput(resetSchema, req.body ?? {}, 'reset');
    reset(seed);
    res.json({ seed });
  });

  router.post('/bulk-seed', (req, res) => {
    res.status(201).json(bulkSeed(parseInput(bulkSeedSchema, req.body ?? {}, 'bulk seed')));
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

  router.put('/sources/:id', (req, res) => {
    const isNew = store.findSource(req.params.id) === undefined;
    created(res, isNew).json(renderSource(store.putSource(req.params.id, body(req))));
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
}
