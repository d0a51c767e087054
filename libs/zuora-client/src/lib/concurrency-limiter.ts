import type { ZuoraPermits } from './zuora-client.options';

/**
 * The process's own concurrency limit: at most `max` requests in flight, the others waiting in
 * arrival order (urgent ones first). The default when no budget shared with other processes is given.
 */
export class ConcurrencyLimiter implements ZuoraPermits {
  private active = 0;
  private readonly urgent: (() => void)[] = [];
  private readonly normal: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  acquire(options: { urgent?: boolean } = {}): Promise<() => void> {
    if (this.active < this.max) {
      this.active += 1;
      return Promise.resolve(() => this.release());
    }
    return new Promise((resolve) =>
      (options.urgent === true ? this.urgent : this.normal).push(() =>
        resolve(() => this.release()),
      ),
    );
  }

  /** A process-local limit does not adapt; the shared budget does. */
  pushedBack(): void {}

  /** Hands the slot straight to the next waiter, if any. */
  private release(): void {
    const next = this.urgent.shift() ?? this.normal.shift();
    if (next) next();
    else this.active -= 1;
  }
}
