import { backOff } from 'exponential-backoff';
import { ZuoraApiError } from './zuora-error';
import type { ResolvedZuoraClientOptions } from './zuora-client.options';

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Runs `attempt` again, with exponential backoff and full jitter, while it fails with a retryable
 * ZuoraApiError. A `Retry-After` is honoured: the next attempt waits at least that long, and a
 * wait longer than `retryMaxDelayMs` is not attempted (the error goes to the caller instead).
 */
export function withRetries<T>(
  options: ResolvedZuoraClientOptions,
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  return backOff(attempt, {
    numOfAttempts: options.retries + 1,
    startingDelay: options.retryBaseDelayMs,
    timeMultiple: 2,
    maxDelay: options.retryMaxDelayMs,
    jitter: 'full',
    delayFirstAttempt: false,
    retry: async (error: unknown) => {
      if (signal?.aborted || !(error instanceof ZuoraApiError) || !error.retryable) return false;
      if (error.retryAfterMs !== null) {
        if (error.retryAfterMs > options.retryMaxDelayMs) return false;
        await sleep(error.retryAfterMs, signal);
      }
      return !signal?.aborted;
    },
  });
}
