import type { RequestHandler } from 'express';
import { onResponseDone, recordRequest, type RequestLog } from '@subsync/sandbox-kit';
import { zuoraRequestId } from '../util/ids';
import { setRequestContext } from './request-context';
import type { SandboxRequestLogEntry } from './request-log';
import { sendLimitExceeded, sendZuoraError } from './zuora-responses';

export interface GatewayOptions {
  /** Requests in flight on `/v1` and `/object-query` before 429 (Zuora's default is 40). */
  concurrencyLimit: number;
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

/**
 * What Zuora's API gateway does before a request reaches a resource: request ids, track-id echo,
 * the request log, rate-limit and concurrency-limit headers and their 429 answers.
 */
export function gatewayMiddleware(options: GatewayOptions): RequestHandler {
  let inFlight = 0;
  const apiWindow = new MinuteWindow(options.clock);
  const tokenWindow = new MinuteWindow(options.clock);

  return (req, res, next) => {
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
      next();
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
      sendLimitExceeded(
        res,
        resetSeconds,
        'The request rate limit has been exceeded. Please retry later.',
      );
      return;
    }

    res.setHeader('Concurrency-Limit-Type', 'Default');
    res.setHeader('Concurrency-Limit-Limit', String(options.concurrencyLimit));
    if (inFlight >= options.concurrencyLimit) {
      res.setHeader('Concurrency-Limit-Remaining', '0');
      sendLimitExceeded(
        res,
        1,
        `The number of concurrent requests exceeded the limit of ${options.concurrencyLimit}. Please retry later.`,
      );
      return;
    }
    inFlight += 1;
    res.setHeader('Concurrency-Limit-Remaining', String(options.concurrencyLimit - inFlight));
    onResponseDone(res, () => {
      inFlight -= 1;
    });
    next();
  };
}
