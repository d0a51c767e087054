import type { WaitPriority } from '@subsync/runtime';
import type { UpstreamCallObserver } from '@subsync/metrics';

/** The minor version this client is written against; sent as `Zuora-Version` on every /v1 call. */
export const ZUORA_API_VERSION = '2025-08-12';

export interface ZuoraClientOptions {
  /** e.g. `https://rest.zuora.com` or the sandbox's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** `Zuora-Version` header; default {@link ZUORA_API_VERSION} (errors answered with real HTTP statuses). */
  zuoraVersion?: string;
  /** Timeout of one HTTP attempt, in ms; default 10,000. */
  timeoutMs?: number;
  /** Requests in flight at most (Zuora's tenant limit is 40); default 40. Ignored with `permits`. */
  maxConcurrency?: number;
  /** Object Query has its own limit (80 by default). Ignored with `objectQueryPermits`. */
  objectQueryMaxConcurrency?: number;
  /** Slots for `/v1` requests; default a limit of `maxConcurrency` in this process alone. */
  permits?: ZuoraPermits;
  /** Slots for `/object-query` requests; default a limit of `objectQueryMaxConcurrency` here. */
  objectQueryPermits?: ZuoraPermits;
  /** Retries after the first attempt for retryable failures; default 3. */
  retries?: number;
  /** First backoff delay in ms (doubled per retry, full jitter); default 200. */
  retryBaseDelayMs?: number;
  /** Longest backoff delay, and the longest `Retry-After` the client waits out, in ms; default 30,000. */
  retryMaxDelayMs?: number;
  /** Told of every HTTP exchange and retry (the service's metrics); default none. */
  observer?: UpstreamCallObserver;
}

/**
 * Where a request gets its slot under Zuora's concurrency limit. The limit belongs to the
 * tenant, so processes that share a tenant should share one budget (see libs/upstream/budget).
 */
export interface ZuoraPermits {
  /**
   * Waits for a slot; the returned function gives it back. `urgent` goes ahead of other waiters
   * of its class, `background` after every foreground waiter (see PriorityWaiters).
   */
  acquire(options?: { signal?: AbortSignal } & WaitPriority): Promise<() => void>;
  /** Zuora answered 429: the limit in force is too high. */
  pushedBack(): void;
}

/** Per-call options. */
export interface ZuoraCallOptions {
  /** Sent as `Zuora-Track-Id` (sanitised to Zuora's rules) so Zuora support can trace the call. */
  trackId?: string;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number;
  /** Aborts the call (including waits between retries and for a slot). */
  signal?: AbortSignal;
  /** A later call of work already under way: it waits for a slot ahead of first calls. */
  urgent?: boolean;
  /** A call nobody waits for (a backfill's, the sweep's): it waits for a slot after the others. */
  background?: boolean;
}

export interface ResolvedZuoraClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  zuoraVersion: string;
  timeoutMs: number;
  maxConcurrency: number;
  objectQueryMaxConcurrency: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  observer: UpstreamCallObserver;
}

const UNOBSERVED: UpstreamCallObserver = { exchanged: () => undefined, retried: () => undefined };

function positiveInt(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new RangeError(
      `ZuoraClient: ${name} must be an integer of at least ${min}, got ${resolved}`,
    );
  }
  return resolved;
}

export function resolveOptions(options: ZuoraClientOptions): ResolvedZuoraClientOptions {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new RangeError(`ZuoraClient: baseUrl '${options.baseUrl}' is not a URL`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new RangeError(`ZuoraClient: baseUrl must be http(s), got '${options.baseUrl}'`);
  }
  if (!options.clientId || !options.clientSecret) {
    throw new RangeError('ZuoraClient: clientId and clientSecret are required');
  }
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    zuoraVersion: options.zuoraVersion ?? ZUORA_API_VERSION,
    timeoutMs: positiveInt('timeoutMs', options.timeoutMs, 10_000, 1),
    maxConcurrency: positiveInt('maxConcurrency', options.maxConcurrency, 40, 1),
    objectQueryMaxConcurrency: positiveInt(
      'objectQueryMaxConcurrency',
      options.objectQueryMaxConcurrency,
      80,
      1,
    ),
    retries: positiveInt('retries', options.retries, 3, 0),
    retryBaseDelayMs: positiveInt('retryBaseDelayMs', options.retryBaseDelayMs, 200, 0),
    retryMaxDelayMs: positiveInt('retryMaxDelayMs', options.retryMaxDelayMs, 30_000, 0),
    observer: options.observer ?? UNOBSERVED,
  };
}
