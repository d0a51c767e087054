import type { RequestHandler, Response } from 'express';
import { onResponseDone, recordRequest, type RequestLog } from '@subsync/sandbox-kit';
import { zuoraRequestId } from '../util/ids';
import type { GatewayState } from './gateway.state';
import { setRequestContext } from './request-context';
import type { SandboxRequestLogEntry } from './request-log';
import { sendLimitExceeded, sendZuoraError } from './zuora-responses';

export interface GatewayOptions {
  /** Latency and concurrency limits (read on every request, so changes apply at once) and counters. */
  state: GatewayState;
  /** API requests per minute before 429. */
  rateLimitPerMinute: number;
  /** The tenant's default minor version, used when a request sends no `Zuora-Version`. */
  defaultZuoraVersion: string;
  log: RequestLog<SandboxRequestLogEntry>;
  clock: () => Date;
}

/** Zuora-Track-Id: at most 64 US-ASCII characters, none of `: ; " '`. */
const VALID_TRACK_ID = /^[\x20-\x7e]{0,64}$/;
const FORBIDDEN_TRACK_ID_CHARS = /[:;"']/;
/** `POST /oauth/token` is limited per IP (100 per minute per IP). */
const TOKEN_RATE_LIMIT_PER_MINUTE = 100;

class MinuteWindow {
  private startedAt = 0;
  private count = 0;

  constructor(private readonly clock: () => Date) {}

  /** Counts one request; returns the count in the current window and the seconds until it resets. */
  hit(): { count: number; resetSeconds: number } {
    const now = this.clock().getTime();
    if (now - this.startedAt >= 60_000) {
      this.startedAt = now;
      this.count = 0;
    }
    this.count += 1;
    return {
      count: this.count,
      resetSeconds: Math.max(1, Math.ceil((this.startedAt + 60_000 - now) / 1000)),
    };
  }
}

export interface Gateway {
  /** Runs first for every request that is not an admin call. */
  handle: RequestHandler;
  /** Runs after the fault queue: counts the API requests that reach a route. */
  countServed: RequestHandler;
  /** Cancels pending latency waits (on shutdown). */
  dispose(): void;
}

function isApiPath(path: string): boolean {
  return path === '/oauth/token' || path.startsWith('/v1/') || path.startsWith('/object-query/');
}

/**
 * What Zuora's API gateway does before a request reaches a resource: request ids, track-id echo,
 * the request log, rate-limit and concurrency-limit headers and their 429 answers, and the
 * configured latency of a slow tenant.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { state } = options;
  const apiWindow = new MinuteWindow(options.clock);
  const tokenWindow = new MinuteWindow(options.clock);
  const timers = new Set<NodeJS.Timeout>();

  /** Lets the request go on after the configured latency, unless the caller has gone meanwhile. */
  const afterLatency = (res: Response, next: () => void): void => {
    const { latencyMs } = state.settings;
    if (latencyMs === 0) {
      next();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) next();
    }, latencyMs);
    timers.add(timer);
  };

  const handle: RequestHandler = (req, res, next) => {
    const requestId = zuoraRequestId();
    setRequestContext(req, {
      requestId,
      zuoraVersion: req.get('Zuora-Version') ?? options.defaultZuoraVersion,
      logEntry: recordRequest(options.log, req, res, requestId),
    });
    res.setHeader('Zuora-Request-Id', requestId);

    const trackId = req.get('Zuora-Track-Id');
    if (trackId !== undefined) {
      if (!VALID_TRACK_ID.test(trackId) || FORBIDDEN_TRACK_ID_CHARS.test(trackId)) {
        sendZuoraError(
          req,
          res,
          20,
          'Invalid value for the Zuora-Track-Id header: use at most 64 US-ASCII characters, without : ; " or \'.',
        );
        return;
      }
      res.setHeader('Zuora-Track-Id', trackId);
    }

    if (req.path === '/oauth/token') {
      const { count } = tokenWindow.hit();
      res.setHeader('X-RateLimit-Limit-minute', String(TOKEN_RATE_LIMIT_PER_MINUTE));
      res.setHeader(
        'X-RateLimit-Remaining-minute',
        String(Math.max(0, TOKEN_RATE_LIMIT_PER_MINUTE - count)),
      );
      // Not bound by a concurrency limit, but a slow tenant is slow to issue tokens too.
      afterLatency(res, next);
      return;
    }
    if (!req.path.startsWith('/v1/') && !req.path.startsWith('/object-query/')) {
      next();
      return;
    }

    const limit = options.rateLimitPerMinute;
    const { count, resetSeconds } = apiWindow.hit();
    res.setHeader('RateLimit-Limit', `${limit}, ${limit};w=60`);
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (count > limit) {
      state.rejectedRate += 1;
      sendLimitExceeded(
        res,
        resetSeconds,
        'The request rate limit has been exceeded. Please retry later.',
      );
      return;
    }

    const pool = req.path.startsWith('/object-query/') ? state.objectQuery : state.v1;
    const concurrencyLimit = state.limitOf(pool);
    res.setHeader('Concurrency-Limit-Type', pool.type);
    res.setHeader('Concurrency-Limit-Limit', String(concurrencyLimit));
    if (!pool.tryAcquire(concurrencyLimit)) {
      state.rejectedConcurrency += 1;
      res.setHeader('Concurrency-Limit-Remaining', '0');
      sendLimitExceeded(
        res,
        1,
        `The number of concurrent requests exceeded the limit of ${concurrencyLimit}. Please retry later.`,
      );
      return;
    }
    res.setHeader(
      'Concurrency-Limit-Remaining',
      String(Math.max(0, concurrencyLimit - pool.inFlight)),
    );
    onResponseDone(res, () => pool.release());
    // The wait happens while the slot is held: on a slow tenant the request is in flight.
    afterLatency(res, next);
  };

  const countServed: RequestHandler = (req, res, next) => {
    if (isApiPath(req.path)) {
      onResponseDone(res, () => {
        if (res.writableFinished) state.served += 1;
      });
    }
    next();
  };

  return {
    handle,
    countServed,
    dispose: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
