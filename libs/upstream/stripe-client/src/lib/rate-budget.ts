import { createHash } from 'node:crypto';
import type { StripeRequestRate } from './stripe-client.options';

/**
 * A token bucket: `perSecond` tokens a second, holding at most `perSecond` (one second of burst).
 * `take()` reserves a token and resolves when it is due, so waiting callers are served in order.
 * Tokens can go negative: that is the queue's debt, paid back as time passes.
 */
export class RateBudget implements StripeRequestRate {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.updatedAt = now();
  }

  get ratePerSecond(): number {
    return this.perSecond;
  }

  /** Lowers the rate (never raises it): the budget honours the strictest client sharing it. */
  restrictTo(perSecond: number): void {
    if (perSecond < this.perSecond) {
      this.refill();
      this.perSecond = perSecond;
      this.tokens = Math.min(this.tokens, perSecond);
    }
  }

  /** Milliseconds the caller must wait before its request may go out (0 when a token was free). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.perSecond) * 1000;
  }

  /** A process-local budget does not adapt; the shared budget does. */
  pushedBack(): void {}

  take(): Promise<void> {
    const waitMs = this.reserve();
    return waitMs === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, waitMs));
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond,
    );
    this.updatedAt = now;
  }
}

// Stripe limits requests per account, so every client of the process that uses the same key on
// the same API base draws from one budget.
const budgets = new Map<string, RateBudget>();

/** The process-wide budget for an account (API base + key); created on first use. */
export function sharedRateBudget(apiBase: string, apiKey: string, perSecond: number): RateBudget {
  const account = `${apiBase}|${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`;
  const existing = budgets.get(account);
  if (existing) {
    existing.restrictTo(perSecond);
    return existing;
  }
  const budget = new RateBudget(perSecond);
  budgets.set(account, budget);
  return budget;
}
