import express, { type Router } from 'express';
import type { WebhookSender } from '../webhooks/webhook-sender';
import { listOf } from '../views/list.view';
import { paginate } from './pagination';
import { allowOnly, LIST_PARAMS, pageParams, requestParams, stringParam } from './params';
import { matchesRange } from './range-filter';
import { invalidRequest, noSuch } from './stripe-errors';

/**
 * Whether an event type matches a `type` filter: the exact name, or a group with `*` as a
 * wildcard (`customer.subscription.*`), as Stripe's events list takes it.
 */
function typeMatches(type: string, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  if (!filter.includes('*')) return type === filter;
  const pattern = filter
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^]*');
  return new RegExp(`^${pattern}$`).test(type);
}

/** `GET /v1/events` (newest first) and `GET /v1/events/:id`: the events the sandbox created. */
export function eventsRouter(sender: WebhookSender): Router {
  const router = express.Router();

  router.get('/events', (req, res) => {
    const params = requestParams(req);
    allowOnly(params, [...LIST_PARAMS, 'type', 'types', 'created', 'delivery_success']);
    const type = stringParam(params, 'type');
    const types = params.types;
    if (type !== undefined && types !== undefined) {
      throw invalidRequest('You may only specify one of these parameters: type, types.', {
        param: 'types',
      });
    }
    if (types !== undefined && (!Array.isArray(types) || types.some((t) => typeof t !== 'string')))
      throw invalidRequest('Invalid array', { param: 'types' });
    const wanted = (types ?? []) as string[];
    const page = paginate(
      sender.events(),
      (event) =>
        typeMatches(event.type, type) &&
        (wanted.length === 0 || wanted.some((t) => typeMatches(event.type, t))) &&
        matchesRange(event.created, params.created, 'created'),
      pageParams(params),
      'event',
    );
    res.json(listOf('/v1/events', page.data, page.hasMore));
  });

  router.get('/events/:id', (req, res) => {
    allowOnly(requestParams(req), []);
    const event = sender.events().find((e) => e.id === req.params.id);
    if (event === undefined) throw noSuch('event', req.params.id);
    res.json(event);
  });

  return router;
}
