export type StripeErrorCode =
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'INVALID_REQUEST'
  | 'UPSTREAM_UNAVAILABLE'
  | 'TIMEOUT'
  | 'UNEXPECTED_RESPONSE';

export interface StripeApiErrorDetails {
  retryable: boolean;
  /** The HTTP status, or null when there was no (usable) response: timeout, network failure. */
  httpStatus: number | null;
  /** Stripe's `error.code`, e.g. `resource_missing`, `rate_limit`, `invoice_upcoming_none`. */
  stripeCode?: string | null;
  /** Stripe's `error.type`, e.g. `invalid_request_error`, `api_error`. */
  stripeType?: string | null;
  /** Stripe's `error.param`, when the error is about one parameter. */
  param?: string | null;
  /** `Request-Id` of the failed response, for Stripe support and the dashboard's request log. */
  requestId?: string | null;
  cause?: unknown;
}

/** A failed Stripe call, classified. Stable `code`s; `message` includes Stripe's own message. */
export class StripeApiError extends Error {
  readonly code: StripeErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number | null;
  readonly stripeCode: string | null;
  readonly stripeType: string | null;
  readonly param: string | null;
  readonly requestId: string | null;

  constructor(code: StripeErrorCode, message: string, details: StripeApiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StripeApiError';
    this.code = code;
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
    this.stripeCode = details.stripeCode ?? null;
    this.stripeType = details.stripeType ?? null;
    this.param = details.param ?? null;
    this.requestId = details.requestId ?? null;
  }
}
