import express, { type Router } from 'express';
import { z } from 'zod';
import { parseInput } from '@subsync/sandbox-kit';
import type { WebhookSender } from './webhook-sender';

const endpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  enabledEvents: z.array(z.string().min(1)).min(1).optional(),
});

/**
 * `/sandbox/webhooks`: the webhook endpoint (`PUT`/`GET`/`DELETE /endpoint`), the events the
 * sandbox created (`GET /events`, newest first), their deliveries (`GET /deliveries`), and
 * `POST /events/:id/resend` to deliver an event again with the same id.
 */
export function webhooksRouter(sender: WebhookSender): Router {
  const router = express.Router();
  router.use(express.json());

  router.put('/endpoint', (req, res) => {
    const endpoint = parseInput(endpointSchema, req.body ?? {}, 'webhook endpoint');
    sender.configure(endpoint);
    res.json(endpoint);
  });

  router.get('/endpoint', (_req, res) => {
    res.json(sender.configured());
  });

  router.delete('/endpoint', (_req, res) => {
    sender.configure(null);
    res.status(204).end();
  });

  router.get('/events', (_req, res) => {
    res.json({ data: sender.events() });
  });

  router.get('/deliveries', (_req, res) => {
    res.json({ data: sender.deliveries() });
  });

  router.post('/events/:id/resend', (req, res) => {
    const event = sender.resend(req.params.id);
    if (event === undefined) {
      res.status(404).json({ error: { message: `no event '${req.params.id}'` } });
      return;
    }
    res.json(event);
  });

  return router;
}
