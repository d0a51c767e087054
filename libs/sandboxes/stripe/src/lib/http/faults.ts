import type { Request, Response } from 'express';
import {
  type AnsweredFault,
  type DelayFault,
  FaultInjector,
  type FaultMatch,
  type QueuedFault,
  sendProxyErrorPage,
} from '@subsync/sandbox-kit';
import { requestContext } from './request-context';
import { sendStripeError, type StripeErrorType } from './stripe-errors';

/** Sends `Stripe-Should-Retry: true|false`, which stripe-node obeys over its own rules. */
interface ShouldRetry {
  shouldRetry?: boolean;
}

/**
 * What `POST /sandbox/faults` (and `sandbox.injectFault`) accepts. Without `pathPrefix` a fault
 * matches every `/v1` call.
 */
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
  | DelayFault
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

export type ActiveFault = QueuedFault<FaultSpec>;

function shouldRetryHeader(spec: ShouldRetry): Record<string, string> {
  return spec.shouldRetry === undefined ? {} : { 'Stripe-Should-Retry': String(spec.shouldRetry) };
}

export function stripeFaultInjector(): FaultInjector<FaultSpec> {
  return new FaultInjector<FaultSpec>({
    answer: answerFault,
    logEntry: (req) => requestContext(req).logEntry,
    defaultScope: (path) => path.startsWith('/v1/'),
  });
}

function answerFault(fault: AnsweredFault<FaultSpec>, req: Request, res: Response): void {
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
      sendProxyErrorPage(res, status);
      return;
    }
    case 'stripe-error':
      sendStripeError(
        req,
        res,
        fault.status,
        {
          type: fault.errorType ?? (fault.status >= 500 ? 'api_error' : 'invalid_request_error'),
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
  }
}
