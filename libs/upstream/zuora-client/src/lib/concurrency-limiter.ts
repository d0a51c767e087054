import { PriorityWaiters, type WaitPriority } from '@subsync/runtime';
import type { ZuoraPermits } from './zuora-client.options';

/**
 * The process's own concurrency limit: at most `max` requests in flight, the others waiting in
 * arrival order within their rank (see PriorityWaiters). The default when no budget shared with
 * other processes is given.
 */
export class ConcurrencyLimiter implements ZuoraPermits {
  private active = 0;
  private readonly waiting = new PriorityWaiters<() => void>();

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  acquire(options: WaitPriority = {}): Promise<() => void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(() => this.release());
    }
    return new Promise((resolve) =>
      this.waiting.push(() => resolve(() => this.release()), options),
    );
  }

  /** A process-local limit does not adapt; the shared budget does. */
  pushedBack(): void {}

  /** Hands the slot straight to the next waiter, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
