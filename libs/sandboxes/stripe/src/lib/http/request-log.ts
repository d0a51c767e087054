import { authorizationKind, RequestLog, type RequestLogEntry } from '@subsync/sandbox-kit';

/**
 * One request the sandbox received (admin calls under `/sandbox` are not logged). `at` is
 * wall-clock time (not the sandbox clock), so timing can be asserted.
 */
export interface SandboxRequestLogEntry extends RequestLogEntry {
  /** The raw form body of a POST (at most 2,000 characters), else null. */
  body: string | null;
  /** The `Stripe-Version` header as sent (null when absent). */
  stripeVersion: string | null;
  idempotencyKey: string | null;
  /** Which kind of `Authorization` header was sent. */
  authorization: 'bearer' | 'basic' | 'other' | 'none';
}

export function stripeRequestLog(limit: number): RequestLog<SandboxRequestLogEntry> {
  return new RequestLog(
    limit,
    () => new Date(),
    (req, arrival) => ({
      ...arrival,
      body: null,
      status: null,
      durationMs: null,
      stripeVersion: req.get('Stripe-Version') ?? null,
      idempotencyKey: req.get('Idempotency-Key') ?? null,
      authorization: authorizationKind(req, ['bearer', 'basic']),
      fault: null,
    }),
  );
}
