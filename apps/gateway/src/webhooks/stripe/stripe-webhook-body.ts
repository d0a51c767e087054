import type { IncomingMessage } from 'node:http';
import { json, type RequestHandler } from 'express';

/** Where Stripe delivers events (the URL to give Stripe's dashboard is the gateway's origin plus this). */
export const STRIPE_WEBHOOK_PATH = '/api/webhooks/stripe';

/**
 * Largest event accepted. Express's default of 100 kB is too little for an invoice event with
 * many lines; a delivery refused with 413 would be retried by Stripe and finally lost.
 */
export const STRIPE_WEBHOOK_BODY_LIMIT = '2mb';

/**
 * The webhook route's own body parser, mounted before Nest's: it keeps the exact bytes that
 * Stripe signed (`rawBody`) and takes any content type as JSON, so a body that is not JSON
 * fails the signature check rather than reaching the handler unparsed.
 */
export function stripeWebhookBodyParser(): RequestHandler {
  const parse = json({
    type: () => true,
    limit: STRIPE_WEBHOOK_BODY_LIMIT,
    verify: (request: IncomingMessage & { rawBody?: Buffer }, _response, buffer) => {
      request.rawBody = buffer;
    },
  });
  // A named function: Nest skips its own JSON parser when it finds a middleware named
  // `jsonParser` (body-parser's name) already mounted, which would leave every other route's
  // JSON body unparsed.
  return function stripeWebhookBody(request, response, next) {
    parse(request, response, next);
  };
}
