import express, { type Router } from 'express';
import { newestFirst } from '../store/collection.helpers';
import type { StripeSandboxStore } from '../store/sandbox.store';
import type { SubscriptionRecord } from '../store/sandbox.records';
import { listOf } from '../views/list.view';
import { renderSubscription, renderSubscriptionItem } from '../views/subscription.view';
import { paginate } from './pagination';
import { matchesRange } from './range-filter';
import {
  allowOnly,
  expandParam,
  LIST_PARAMS,
  pageParams,
  requestParams,
  stringParam,
} from './params';
import { sendExpanded } from './respond';
import { invalidRequest, noSuch, parameterMissing } from './stripe-errors';

const STATUS_FILTERS = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
];

function statusMatches(sub: SubscriptionRecord, filter: string | undefined): boolean {
  if (filter === undefined) return sub.status !== 'canceled'; // Stripe's default: not canceled
  if (filter === 'all') return true;
  if (filter === 'ended') return sub.status === 'canceled' || sub.status === 'incomplete_expired';
  return sub.status === filter;
}

/** `GET /v1/subscriptions/:id`, `GET /v1/subscriptions`, `GET /v1/subscription_items`. */
export function subscriptionsRouter(store: StripeSandboxStore): Router {
  const router = express.Router();

  router.get('/subscriptions/:id', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, ['expand']);
    const sub = store.findSubscription(req.params.id);
    if (!sub) throw noSuch('subscription', req.params.id);
    sendExpanded(res, renderSubscription(sub, store), expandParam(params), store);
  });

  router.get('/subscriptions', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [
      ...LIST_PARAMS,
      'customer',
      'status',
      'price',
      'collection_method',
      'created',
    ]);
    const customer = stringParam(params, 'customer');
    const status = stringParam(params, 'status');
    const price = stringParam(params, 'price');
    if (status !== undefined && !STATUS_FILTERS.includes(status)) {
      throw invalidRequest(`Invalid status: must be one of ${STATUS_FILTERS.join(', ')}`, {
        param: 'status',
      });
    }
    if (customer !== undefined && !store.findCustomer(customer))
      throw noSuch('customer', customer, 'customer', 400);
    const page = paginate(
      store.listSubscriptions().sort(newestFirst),
      (sub) =>
        (customer === undefined || sub.customer === customer) &&
        (price === undefined || sub.items.some((i) => i.price === price)) &&
        statusMatches(sub, status) &&
        matchesRange(sub.created, params.created, 'created'),
      pageParams(params),
      'subscription',
    );
    sendExpanded(
      res,
      listOf(
        '/v1/subscriptions',
        page.data.map((sub) => renderSubscription(sub, store)),
        page.hasMore,
      ),
      expandParam(params),
      store,
    );
  });

  router.get('/subscription_items', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [...LIST_PARAMS, 'subscription']);
    const subscriptionId = stringParam(params, 'subscription');
    if (subscriptionId === undefined) throw parameterMissing('subscription');
    const sub = store.findSubscription(subscriptionId);
    if (!sub) throw noSuch('subscription', subscriptionId, 'subscription', 400);
    const page = paginate(sub.items, () => true, pageParams(params), 'subscription_item');
    sendExpanded(
      res,
      listOf(
        '/v1/subscription_items',
        page.data.map((item) => renderSubscriptionItem(item, sub.id, store)),
        page.hasMore,
      ),
      expandParam(params),
      store,
    );
  });

  return router;
}
