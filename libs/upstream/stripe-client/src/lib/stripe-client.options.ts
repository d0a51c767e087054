import type { UpstreamCallObserver } from '@subsync/metrics';
import type Stripe from 'stripe';

/**
 * The API version this client is written against: the version stripe-node 23.1.0 pins (its
 * TypeScript types describe only that one). Sent as `Stripe-Version` on every call, so the
 * account's default version does not change the shapes we read. The type annotation makes the
 * build fail if the SDK is upgraded to another pinned version without revisiting this client.
 */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = '2026-10-28.endive';

export interface StripeClientOptions {
  /** Secret key, `sk_live_…` / `sk_test_…` (or a restricted `rk_…` key with read access). */
  apiKey: string;
  /** Scheme, host and port of the API: `https://api.stripe.com` or e.g. `http://127.0.0.1:12111`. */
  apiBase: string;
  /** Per-attempt timeout in ms (the SDK's socket timeout); default 10,000. */
  timeoutMs?: number;
  /**
   * Request budget per second, shared by every call of the process to the same account and API
   * base (a token bucket holding one second of burst); default 25, Stripe's sandbox limit.
   * Ignored with `rate`.
   */
  requestsPerSecond?: number;
  /**
   * Where each attempt waits its turn under the account's request rate. The rate belongs to the
   * account, so processes that share one should share a budget (see libs/upstream/budget).
   */
  rate?: StripeRequestRate;
  /** Retries after the first attempt for 429, 5xx, 409, timeouts and connection failures; default 4. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled per retry, full jitter; default 500 (the SDK's own). */
  retryBaseDelayMs?: number;
  /** Longest backoff delay in ms; default 8,000. */
  retryMaxDelayMs?: number;
  /** Told of every HTTP exchange and retry (the service's metrics); default none. */
  observer?: UpstreamCallObserver;
}

/** A request rate every attempt draws from. */
export interface StripeRequestRate {
  /** Resolves when the next request may go out. */
  take(): Promise<void>;
  /** Stripe answered 429: the rate in force is too high. */
  pushedBack(): void;
}

/** Per-call options. */
export interface StripeCallOptions {
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Once aborted, no further attempt starts (an attempt under way ends at its timeout). */
  signal?: AbortSignal;
}

export interface ResolvedStripeClientOptions {
  apiKey: string;
  apiBase: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
  timeoutMs: number;
  requestsPerSecond: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  observer: UpstreamCallObserver;
}

const UNOBSERVED: UpstreamCallObserver = { exchanged: () => undefined, retried: () => undefined };

function integer(name: string, value: number | undefined, fallback: number, min: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new RangeError(
      `StripeClient: ${name} must be an integer of at least ${min}, got ${resolved}`,
    );
  }
  return resolved;
}

export function resolveOptions(options: StripeClientOptions): ResolvedStripeClientOptions {
  if (!options.apiKey || /\s/.test(options.apiKey)) {
    throw new RangeError('StripeClient: apiKey is required and may not contain whitespace');
  }
  let base: URL;
  try {
    base = new URL(options.apiBase);
  } catch {
    throw new RangeError(`StripeClient: apiBase '${options.apiBase}' is not a URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new RangeError(`StripeClient: apiBase must be http(s), got '${options.apiBase}'`);
  }
  // The SDK always calls `/v1/…` at the root of the host: a path cannot be honoured.
  if (
    (base.pathname !== '/' && base.pathname !== '') ||
    base.search !== '' ||
    base.username !== ''
  ) {
    throw new RangeError(
      `StripeClient: apiBase must be scheme://host[:port] only, got '${options.apiBase}'`,
    );
  }
  const protocol = base.protocol === 'https:' ? 'https' : 'http';
  return {
    apiKey: options.apiKey,
    apiBase: base.origin,
    // WHATWG URLs keep IPv6 brackets in `hostname`; Node's http.request wants the bare address.
    host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: base.port === '' ? (protocol === 'https' ? 443 : 80) : Number(base.port),
    protocol,
    timeoutMs: integer('timeoutMs', options.timeoutMs, 10_000, 1),
    requestsPerSecond: integer('requestsPerSecond', options.requestsPerSecond, 25, 1),
    maxRetries: integer('maxRetries', options.maxRetries, 4, 0),
    retryBaseDelayMs: integer('retryBaseDelayMs', options.retryBaseDelayMs, 500, 0),
    retryMaxDelayMs: integer('retryMaxDelayMs', options.retryMaxDelayMs, 8_000, 0),
    observer: options.observer ?? UNOBSERVED,
  };
}
