import Stripe from 'stripe';
import { StripeApiError, type StripeErrorCode } from './stripe-error';

/** The SDK's code for a request it aborted after its timeout (`HttpClient.TIMEOUT_ERROR_CODE`). */
const TIMEOUT_CODE = 'ETIMEDOUT';

function classify(
  status: number | null,
  stripeCode: string | null,
): { code: StripeErrorCode; retryable: boolean } {
  if (status === 429 || stripeCode === 'rate_limit' || stripeCode === 'lock_timeout') {
    return { code: 'RATE_LIMITED', retryable: true };
  }
  if (status === null) return { code: 'UNEXPECTED_RESPONSE', retryable: false };
  if (status === 401 || status === 403) return { code: 'UNAUTHORIZED', retryable: false };
  // A missing object named by a parameter is answered 400, not 404, but it is still "not found".
  if (status === 404 || stripeCode === 'resource_missing')
    return { code: 'NOT_FOUND', retryable: false };
  // 409: a concurrent request with the same idempotency key, or a lock; stripe-node retries it too.
  if (status === 409 || status >= 500) return { code: 'UPSTREAM_UNAVAILABLE', retryable: true };
  return { code: 'INVALID_REQUEST', retryable: false };
}

function isTimeout(error: Stripe.errors.StripeError): boolean {
  const detail: unknown = error.detail;
  return (
    typeof detail === 'object' &&
    detail !== null &&
    (detail as { code?: unknown }).code === TIMEOUT_CODE
  );
}

/**
 * Turns whatever a stripe-node call threw into a {@link StripeApiError}. `operation` names the
 * call for the message, e.g. `GET /v1/subscriptions/sub_123`.
 */
export function toStripeApiError(
  operation: string,
  error: unknown,
  timeoutMs: number,
): StripeApiError {
  if (error instanceof StripeApiError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new StripeApiError('UNEXPECTED_RESPONSE', `Stripe ${operation} failed: ${reason}`, {
      retryable: false,
      httpStatus: null,
      cause: error,
    });
  }
  const requestId = error.requestId ?? null;
  if (error.type === 'StripeConnectionError') {
    const timedOut = isTimeout(error);
    return new StripeApiError(
      timedOut ? 'TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
      timedOut
        ? `Stripe ${operation} failed: no complete response within ${timeoutMs} ms`
        : `Stripe ${operation} failed: ${error.message}${describeDetail(error.detail)}`,
      { retryable: true, httpStatus: null, requestId, cause: error },
    );
  }
  const status = error.statusCode ?? null;
  const stripeCode = error.code ?? null;
  const classified = classify(status, stripeCode);
  // Stripe may say whether a retry can help; stripe-node obeys this header over its own rules.
  const shouldRetry = error.headers?.['stripe-should-retry'];
  const retryable =
    shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : classified.retryable;
  const what = status === null ? '' : ` with HTTP ${status}`;
  const codeText = stripeCode === null ? '' : ` [${stripeCode}]`;
  return new StripeApiError(
    classified.code,
    `Stripe ${operation} failed${what}: ${error.message}${codeText}`,
    {
      retryable,
      httpStatus: status,
      stripeCode,
      stripeType: error.rawType ?? null,
      param: error.param ?? null,
      requestId,
      cause: error,
    },
  );
}

function describeDetail(detail: unknown): string {
  if (detail instanceof Error) return ` (${detail.message})`;
  if (typeof detail === 'object' && detail !== null && 'code' in detail) {
    return ` (${String(detail.code)})`;
  }
  return '';
}
