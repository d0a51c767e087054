export type ZuoraErrorCode =
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INVALID_REQUEST'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'TIMEOUT'
  | 'UNEXPECTED_RESPONSE';

/** One reason Zuora gave, from whichever error envelope it used. */
export interface ZuoraErrorReason {
  /** Numeric 8-digit code, or a symbolic code such as `INVALID_VALUE` (CRUD/ZOQL envelopes). */
  code: number | string | null;
  message: string;
}

export interface ZuoraApiErrorDetails {
  retryable: boolean;
  /** The HTTP status, or null when there was no response (timeout, network failure). */
  httpStatus: number | null;
  /** Zuora's 8-digit code (6-digit resource + 2-digit category) when it sent one. */
  zuoraCode: number | null;
  reasons?: ZuoraErrorReason[];
  /** `Zuora-Request-Id` of the failed response. */
  requestId?: string | null;
  /** From `Retry-After`, in ms. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

/** A failed Zuora call, classified. Stable `code`s; `message` includes Zuora's own reason text. */
export class ZuoraApiError extends Error {
  readonly code: ZuoraErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number | null;
  readonly zuoraCode: number | null;
  readonly reasons: ZuoraErrorReason[];
  readonly requestId: string | null;
  readonly retryAfterMs: number | null;

  constructor(code: ZuoraErrorCode, message: string, details: ZuoraApiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ZuoraApiError';
    this.code = code;
    this.retryable = details.retryable;
    this.httpStatus = details.httpStatus;
    this.zuoraCode = details.zuoraCode;
    this.reasons = details.reasons ?? [];
    this.requestId = details.requestId ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }

  /** The last two digits of `zuoraCode` (e.g. 40 = not found, 70 = concurrency limit). */
  get category(): number | null {
    return this.zuoraCode === null ? null : this.zuoraCode % 100;
  }
}
