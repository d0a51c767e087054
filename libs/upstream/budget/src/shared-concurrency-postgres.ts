import { randomUUID } from 'node:crypto';
import { PriorityWaiters, type WaitPriority } from '@subsync/runtime';
import type { DataSource } from 'typeorm';
import { BudgetLeasePostgres } from './budget-lease-postgres';

export interface SharedConcurrencyOptions {
  dataSource: DataSource;
  /** One per upstream tenant and limit, e.g. `zuora:https://rest.zuora.com:<client id>`. */
  name: string;
  /** Requests in flight at most, across every process sharing the budget. */
  limit: number;
  rebalanceIntervalMs?: number;
  leaseMs?: number;
}

interface Waiter {
  grant: () => void;
}

/** A process keeps asking for the most it used in this window, so a pause between syncs does not cost its share. */
const DEMAND_WINDOW_MS = 3_000;

/**
 * A concurrency limit shared by every process that calls one upstream: this process may have
 * as many requests in flight as its share of the budget (see {@link BudgetLeasePostgres}).
 * Waiters are served in order within their rank: live work before background work, and calls of
 * a sync already under way before first calls (see PriorityWaiters).
 */
export class SharedConcurrencyPostgres {
  private readonly lease: BudgetLeasePostgres;
  private inUse = 0;
  private readonly waiting = new PriorityWaiters<Waiter>();
  /** The most slots used or waited for, and when: the demand the process reports. */
  private peak = 0;
  private peakAt = 0;

  constructor(private readonly options: SharedConcurrencyOptions) {
    this.lease = new BudgetLeasePostgres(
      {
        dataSource: options.dataSource,
        name: options.name,
        kind: 'concurrency',
        ceiling: options.limit,
        holder: randomUUID(),
        ...(options.rebalanceIntervalMs === undefined
          ? {}
          : { rebalanceIntervalMs: options.rebalanceIntervalMs }),
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      },
      () => ({ wanted: Math.min(this.options.limit, this.demand()), inUse: this.inUse }),
    );
    this.lease.onChange(() => this.pump());
  }

  /** What the process may use, what it uses, and what waits (for metrics and tests). */
  get state(): { granted: number; inUse: number; waiting: number; limit: number } {
    return {
      granted: this.lease.granted,
      inUse: this.inUse,
      waiting: this.waiting.size,
      limit: this.lease.limit,
    };
  }

  start(): Promise<void> {
    return this.lease.start();
  }

  stop(): Promise<void> {
    return this.lease.stop();
  }

  /** Waits for a slot; the returned function gives it back. */
  acquire(options: { signal?: AbortSignal } & WaitPriority = {}): Promise<() => void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.inUse < this.lease.granted && this.waiting.size === 0) {
      this.inUse += 1;
      this.noteDemand();
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        this.waiting.remove(waiter);
        reject(signal!.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter, options);
      this.noteDemand();
      this.lease.requestRebalance();
    });
  }

  /** The upstream answered 429: every process's share shrinks, and grows back later. */
  pushedBack(): void {
    this.lease.pushedBack();
  }

  /** What the process uses now, or the most it used lately if that was more. */
  private demand(): number {
    const now = performance.now();
    const current = this.inUse + this.waiting.size;
    if (current >= this.peak || now - this.peakAt > DEMAND_WINDOW_MS) {
      this.peak = current;
      this.peakAt = now;
    }
    return Math.max(current, this.peak);
  }

  private noteDemand(): void {
    const current = this.inUse + this.waiting.size;
    if (current >= this.peak) {
      this.peak = current;
      this.peakAt = performance.now();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= 1;
      this.pump();
    };
  }

  private pump(): void {
    while (this.inUse < this.lease.granted) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      this.inUse += 1;
      next.grant();
    }
  }
}
