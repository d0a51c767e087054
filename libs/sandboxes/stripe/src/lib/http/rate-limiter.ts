/**
 * A token bucket on wall-clock time: `perSecond` tokens a second, holding at most `perSecond`
 * (a one-second burst), like Stripe's per-account request rate limiter.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt = Date.now();

  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }

  /** Takes a token; false when the bucket is empty (the request is rate limited). */
  tryTake(): boolean {
    if (!Number.isFinite(this.perSecond)) return true;
    const now = Date.now();
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond,
    );
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
