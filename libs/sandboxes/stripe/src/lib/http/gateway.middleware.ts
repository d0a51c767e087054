import type { RequestHandler } from 'express';
import { recordRequest, type RequestLog } from '@subsync/sandbox-kit';
import { stripeRequestId } from '../util/ids';
import { RateLimiter } from './rate-limiter';
import { setRequestContext } from './request-context';
import type { SandboxRequestLogEntry } from './request-log';
import { sendStripeError } from './stripe-errors';

export interface GatewayOptions {
  /** The account's default API version, used when a request sends no `Stripe-Version`. */
  accountApiVersion: string;
  rateLimitPerSecond: number;
  log: RequestLog<SandboxRequestLogEntry>;
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;
const MAX_LOGGED_BODY = 2000;

/**
 * What happens before a request reaches a resource: `Request-Id` and `Stripe-Version` headers,
 * the request log, version validation and the global rate limit (429 `rate_limit`).
 */
export function gatewayMiddleware(options: GatewayOptions): RequestHandler {
  const limiter = new RateLimiter(options.rateLimitPerSecond);
  return (req, res, next) => {
    const requestId = stripeRequestId();
    const requested = req.get('Stripe-Version');
    const entry = recordRequest(options.log, req, res, requestId);
    if (typeof req.body === 'string' && req.method !== 'GET') {
      entry.body = req.body.slice(0, MAX_LOGGED_BODY);
    }
    setRequestContext(req, {
      requestId,
      stripeVersion: requested ?? options.accountApiVersion,
      logEntry: entry,
    });
    res.setHeader('Request-Id', requestId);
    res.setHeader('Stripe-Version', requested ?? options.accountApiVersion);
    res.setHeader('Cache-Control', 'no-cache, no-store');

    if (requested !== undefined && !API_VERSION.test(requested)) {
      sendStripeError(req, res, 400, {
        type: 'invalid_request_error',
        message: `Invalid Stripe API version: ${requested}`,
      });
      return;
    }
    if (!req.path.startsWith('/v1/')) {
      next();
      return;
    }
    if (!limiter.tryTake()) {
      sendStripeError(
        req,
        res,
        429,
        {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message:
            'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
        },
        { 'Stripe-Rate-Limited-Reason': 'global-rate' },
      );
      return;
    }
    next();
  };
}
