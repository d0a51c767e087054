import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BudgetLeasePostgres } from './budget-lease-postgres';

export interface SharedRateOptions {
  dataSource: DataSource;
  /** One per upstream account, e.g. `stripe:https://api.stripe.com:<key hash>`. */
  name: string;
  /** Requests per second at most, across every process sharing the budget. */
  perSecond: number;
  rebalanceIntervalMs?: number;
  leaseMs?: number;
}

interface Waiter {
  go: () => void;
}

/** Requests counted for the demand this process reports. */
const DEMAND_WINDOW_MS = 2_000;

/**
 * A request rate shared by every process that calls one upstream account: this process sends
 * at most its share of the rate (see {@link BudgetLeasePostgres}), through a token bucket
 * holding at most one second of its share. Waiters are served in order.
 */
export class SharedRatePostgres {
  private readonly lease: BudgetLeasePostgres;
  private tokens = 0;
  private refilledAt = performance.now();
  private readonly waiting: Waiter[] = [];
  private readonly recent: number[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SharedRateOptions) {
    this.lease = new BudgetLeasePostgres(
      {
        dataSource: options.dataSource,
        name: options.name,
        kind: 'rate',
        ceiling: options.perSecond,
        holder: randomUUID(),
        ...(options.rebalanceIntervalMs === undefined
          ? {}
          : { rebalanceIntervalMs: options.rebalanceIntervalMs }),
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      },
      () => ({ wanted: this.wanted(), inUse: 0 }),
    );
    this.lease.onChange(() => this.pump());
  }

  get state(): { granted: number; waiting: number; limit: number } {
    return { granted: this.lease.granted, waiting: this.waiting.length, limit: this.lease.limit };
  }

  start(): Promise<void> {
    return this.lease.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.lease.stop();
  }

  /** Resolves when the next request may go out. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.recent.push(performance.now());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.pump();
      if (this.waiting.length > 0) this.lease.requestRebalance();
    });
  }

  pushedBack(): void {
    this.lease.pushedBack();
  }

  /** A steady demand is about what was asked for lately; anyone waiting asks for the whole rate. */
  private wanted(): number {
    const since = performance.now() - DEMAND_WINDOW_MS;
    while (this.recent.length > 0 && this.recent[0]! < since) this.recent.shift();
    if (this.waiting.length > 0) return this.options.perSecond;
    return Math.min(this.options.perSecond, (this.recent.length / DEMAND_WINDOW_MS) * 1000 * 1.5);
  }

  private pump(): void {
    clearTimeout(this.timer);
    const rate = this.lease.granted;
    const now = performance.now();
    this.tokens = Math.min(
      Math.max(1, rate),
      this.tokens + ((now - this.refilledAt) / 1000) * rate,
    );
    this.refilledAt = now;
    while (this.waiting.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiting.shift()!.go();
    }
    if (this.waiting.length > 0 && rate > 0) {
      this.timer = setTimeout(() => this.pump(), Math.ceil(((1 - this.tokens) / rate) * 1000));
    }
  }
}
