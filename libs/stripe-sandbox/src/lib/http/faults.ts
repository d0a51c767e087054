import type { RequestHandler } from 'express';
import { requestContext } from './request-context';
import { sendStripeError, type StripeErrorType } from './stripe-errors';

interface FaultMatch {
  /** How many matching requests the fault answers (default 1). */
  count?: number;
  /** Only requests whose path starts with this (e.g. `/v1/invoices`); default: every `/v1` call. */
  pathPrefix?: string;
  /** Only requests with this HTTP method. */
  method?: string;
}

/** Sends `Stripe-Should-Retry: true|false`, which stripe-node obeys over its own rules. */
interface ShouldRetry {
  shouldRetry?: boolean;
}

/** What `POST /sandbox/faults` (and `sandbox.injectFault`) accepts. */
export type FaultSpec =
  | (FaultMatch &
      ShouldRetry & {
        type: 'rate-limit';
        /** `rate_limit` (default; with `Stripe-Rate-Limited-Reason`) or `lock_timeout`. */
        code?: 'rate_limit' | 'lock_timeout';
        /** Default `global-rate`. */
        reason?:
          | 'global-rate'
          | 'global-concurrency'
          | 'endpoint-rate'
          | 'endpoint-concurrency'
          | 'resource-specific';
        /** Stripe documents no `Retry-After`; set this to send one anyway. */
        retryAfterSeconds?: number;
      })
  | (FaultMatch & ShouldRetry & { type: 'server-error'; status?: 500 | 502 | 503 | 504 })
  | (FaultMatch & { type: 'delay'; delayMs: number })
  | (FaultMatch &
      ShouldRetry & {
        type: 'stripe-error';
        status: number;
        errorType?: StripeErrorType;
        code?: string;
        message?: string;
        param?: string;
      })
  | (FaultMatch & { type: 'connection-reset' });

export type ActiveFault = FaultSpec & { id: number; remaining: number };

function shouldRetryHeader(spec: ShouldRetry): Record<string, string> {
  return spec.shouldRetry === undefined ? {} : { 'Stripe-Should-Retry': String(spec.shouldRetry) };
}

const PROXY_TITLES: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private timers = new Set<NodeJS.Timeout>();

  inject(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.count ?? 1 };
    this.faults.push(fault);
    return { ...fault };
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Cancels pending delays (on shutdown). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.pathPrefix === undefined ? path.startsWith('/v1/') : path.startsWith(f.pathPrefix)) &&
        (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const fault = this.take(req.method, req.path);
      if (!fault) {
        next();
        return;
      }
      const entry = requestContext(req).logEntry;
      if (entry) entry.fault = fault.type;
      switch (fault.type) {
        case 'rate-limit': {
          const lock = fault.code === 'lock_timeout';
          sendStripeError(
            req,
            res,
            429,
            lock
              ? {
                  type: 'invalid_request_error',
                  code: 'lock_timeout',
                  message:
                    'This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.',
                }
              : {
                  type: 'invalid_request_error',
                  code: 'rate_limit',
                  message:
                    'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
                },
            {
              ...(lock ? {} : { 'Stripe-Rate-Limited-Reason': fault.reason ?? 'global-rate' }),
              ...(fault.retryAfterSeconds === undefined
                ? {}
                : { 'Retry-After': String(fault.retryAfterSeconds) }),
              ...shouldRetryHeader(fault),
            },
          );
          return;
        }
        case 'server-error': {
          const status = fault.status ?? 500;
          if (status === 500 || status === 503) {
            sendStripeError(
              req,
              res,
              status,
              {
                type: 'api_error',
                message:
                  'An unknown error occurred while processing your request. Please retry, or contact us at https://support.stripe.com/ if the problem persists.',
              },
              shouldRetryHeader(fault),
            );
            return;
          }
          const title = PROXY_TITLES[status] ?? 'Error';
          res
            .status(status)
            .type('html')
            .send(
              `<html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
            );
          return;
        }
        case 'stripe-error':
          sendStripeError(
            req,
            res,
            fault.status,
            {
              type:
                fault.errorType ?? (fault.status >= 500 ? 'api_error' : 'invalid_request_error'),
              message: fault.message ?? `Injected error with status ${fault.status}.`,
              ...(fault.code === undefined ? {} : { code: fault.code }),
              ...(fault.param === undefined ? {} : { param: fault.param }),
            },
            shouldRetryHeader(fault),
          );
          return;
        case 'connection-reset':
          req.socket.destroy();
          return;
        case 'delay': {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            // The caller may have given up (timed out) meanwhile; then there is nobody to answer.
            if (!res.destroyed) next();
          }, fault.delayMs);
          this.timers.add(timer);
          return;
        }
      }
    };
  }
}
