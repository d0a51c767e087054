import { backOff } from 'exponential-backoff';
import type { ResolvedStripeClientOptions } from './stripe-client.options';
import { StripeApiError } from './stripe-error';

/**
 * Runs `attempt` again, with exponential backoff and full jitter, while it fails with a retryable
 * StripeApiError (429, 409, 5xx, timeouts, connection failures), at most `maxRetries` times.
 *
 * stripe-node's own retries are turned off: it never retries a 429 (unless Stripe sends
 * `Stripe-Should-Retry: true`), its delays (0.5–5 s) cannot be configured, and its retries would
 * bypass our rate budget's accounting of attempts. One policy here covers every case instead.
 * Total time is bounded: (maxRetries + 1) attempts × timeoutMs + Σ min(base × 2^n, maxDelay).
 */
export function withRetries<T>(
  options: ResolvedStripeClientOptions,
  attempt: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return backOff(attempt, {
    numOfAttempts: options.maxRetries + 1,
    startingDelay: options.retryBaseDelayMs,
    timeMultiple: 2,
    maxDelay: options.retryMaxDelayMs,
    jitter: 'full',
    delayFirstAttempt: false,
    retry: (error: unknown) =>
      error instanceof StripeApiError && error.retryable && signal?.aborted !== true,
  });
}
