import type { RequestHandler } from 'express';
import { requestContext } from './request-context';
import { sendStripeError } from './stripe-errors';

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  originalRequestId: string;
}

const MAX_KEYS = 1000;

/**
 * Stripe's idempotency layer for POSTs: the first answer to an `Idempotency-Key` is stored and
 * replayed (`Idempotent-Replayed: true`) for the same parameters; other parameters with the same
 * key are an `idempotency_error`. Rate-limit and server errors are not stored, so a retry can
 * succeed. Keys are kept until reset (Stripe prunes them after 24 hours).
 */
export class IdempotencyKeys {
  private stored = new Map<string, StoredResponse>();

  clear(): void {
    this.stored.clear();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const key = req.get('Idempotency-Key');
      if (req.method !== 'POST' || key === undefined) {
        next();
        return;
      }
      res.setHeader('Idempotency-Key', key);
      const fingerprint = `${req.method} ${req.path} ${typeof req.body === 'string' ? req.body : ''}`;
      const previous = this.stored.get(key);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          sendStripeError(req, res, 400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          });
          return;
        }
        res.setHeader('Idempotent-Replayed', 'true');
        res.setHeader('Original-Request', previous.originalRequestId);
        res.status(previous.status).json(previous.body);
        return;
      }
      const { requestId } = requestContext(req);
      res.setHeader('Original-Request', requestId);
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode < 500 && res.statusCode !== 429 && res.statusCode !== 409) {
          if (this.stored.size >= MAX_KEYS) {
            const oldest = this.stored.keys().next().value;
            if (oldest !== undefined) this.stored.delete(oldest);
          }
          this.stored.set(key, {
            fingerprint,
            status: res.statusCode,
            body,
            originalRequestId: requestId,
          });
        }
        return json(body);
      };
      next();
    };
  }
}
