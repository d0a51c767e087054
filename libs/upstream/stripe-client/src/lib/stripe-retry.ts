import { backOff } from 'exponential-backoff';
import type { ResolvedStripeClientOptions } from './stripe-client.options';
import { StripeApiError } from './stripe-error';

/**
 * Runs `attempt` again, with exponential backoff and full jitter, while it fails with a retryable
 * StripeApiError (429, 409, 5xx, timeouts, connection failures), at most `maxRetries` times. A
 * 429 (or lock timeout) means only "not now": with a `signal` (a deadline), those are retried
 * until it aborts, and only the other failures count toward `maxRetries`.
 *
 * stripe-node's own retries are turned off: it never retries a 429 (unless Stripe sends
 * `Stripe-Should-Retry: true`), its delays (0.5–5 s) cannot be configured, and its retries would
 * bypass our rate budget's accounting of attempts. One policy here covers every case instead.
 * Without a signal, total time is bounded: (maxRetries + 1) attempts × timeoutMs +
 * Σ min(base × 2^n, maxDelay).
 */
export function withRetries<T>(
  options: ResolvedStripeClientOptions,
  endpoint: string,
  attempt: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  let failures = 0;
  return backOff(
    async () => {
      if (signal?.aborted === true) throw abortedError(signal);
      return attempt();
    },
    {
      numOfAttempts: signal === undefined ? options.maxRetries + 1 : Number.MAX_SAFE_INTEGER,
      startingDelay: options.retryBaseDelayMs,
      timeMultiple: 2,
      maxDelay: options.retryMaxDelayMs,
      jitter: 'full',
      delayFirstAttempt: false,
      retry: (error: unknown) => {
        if (!(error instanceof StripeApiError) || !error.retryable || signal?.aborted === true) {
          return false;
        }
        const rateLimited = error.code === 'RATE_LIMITED' && signal !== undefined;
        const again = rateLimited || ++failures <= options.maxRetries;
        if (again) options.observer.retried(endpoint);
        return again;
      },
    },
  );
}

/** The signal's reason when it is an Error (an AbortSignal.timeout's TimeoutError), else a new one. */
function abortedError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('the call was aborted');
}
