import { HttpException, HttpStatus } from '@nestjs/common';
import type { FailureLimit, FailureLimits } from '@subsync/config';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** A 429 whose `Retry-After` says when the caller may knock again. */
export class TooManyFailuresException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

const ALL_ADDRESSES = '*';

/**
 * Counts failed attempts on one door (`what`: "failed logins") per client address and over all
 * addresses, in this gateway's memory (rate-limiter-flexible): each gateway instance counts on
 * its own. Once a limit is reached, `admit` refuses before any verification work is done, until
 * the window ends; successes are never counted.
 */
export class FailureThrottle {
  private readonly perAddress: Counter | null;
  private readonly global: Counter | null;

  constructor(
    private readonly what: string,
    limits: FailureLimits,
  ) {
    this.perAddress = limits.perAddress === null ? null : new Counter(limits.perAddress);
    this.global = limits.global === null ? null : new Counter(limits.global);
  }

  /** Throws TooManyFailuresException while the address, or everyone, has used up its failures. */
  async admit(address: string): Promise<void> {
    const addressWait = await this.perAddress?.blockedFor(address);
    if (addressWait !== undefined && addressWait !== null) {
      throw this.refusal(`Too many ${this.what} from this address`, addressWait);
    }
    const globalWait = await this.global?.blockedFor(ALL_ADDRESSES);
    if (globalWait !== undefined && globalWait !== null) {
      throw this.refusal(`Too many ${this.what} from everywhere`, globalWait);
    }
  }

  async recordFailure(address: string): Promise<void> {
    await Promise.all([this.perAddress?.count(address), this.global?.count(ALL_ADDRESSES)]);
  }

  private refusal(reason: string, seconds: number): TooManyFailuresException {
    return new TooManyFailuresException(`${reason}; try again in ${seconds} seconds`, seconds);
  }
}

class Counter {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly limit: FailureLimit) {
    this.limiter = new RateLimiterMemory({
      points: limit.failures,
      duration: limit.windowSeconds,
    });
  }

  /** Whole seconds until the window ends when the failures are used up; null otherwise. */
  async blockedFor(key: string): Promise<number | null> {
    const state = await this.limiter.get(key);
    if (state === null || state.consumedPoints < this.limit.failures) return null;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  }

  async count(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      // Over the limit already: the window keeps running, nothing else to do.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
  }
}

/** The gateway's two throttled doors, shared by the login intake and the auth guard. */
export class Throttles {
  constructor(
    readonly login: FailureThrottle,
    readonly callout: FailureThrottle,
  ) {}
}
