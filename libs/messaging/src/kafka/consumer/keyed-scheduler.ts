interface Waiting<T> {
  item: T;
  settle: (error?: Error) => void;
}

interface Lane<T> {
  waiting: Waiting<T>[];
  running: boolean;
}

export interface KeyedSchedulerOptions<T> {
  /** Runs at most this many keys at once. */
  maxInFlight: number;
  /** Items handed to one run at most; the rest wait for the next run of their key. */
  maxItemsPerRun?: number;
  /**
   * Runs the items that waited for `key`, oldest first. Items that arrive while a key runs wait,
   * and the next run gets all of them: a run may treat them as one piece of work.
   */
  run: (key: string, items: T[]) => Promise<void>;
}

/**
 * Runs work in parallel across keys and one run at a time per key, in arrival order. A key that
 * becomes ready again goes to the back of the queue, so a busy key cannot starve the others.
 */
export class KeyedScheduler<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private readonly ready: string[] = [];
  private readyHead = 0;
  private active = 0;
  private pending = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: KeyedSchedulerOptions<T>) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`maxInFlight must be a positive integer, got ${options.maxInFlight}`);
    }
  }

  /** Keys running now. */
  get running(): number {
    return this.active;
  }

  /** Items submitted and not yet settled, running or waiting. */
  get size(): number {
    return this.pending;
  }

  /** Settles when the run that includes `item` has ended; rejects with that run's error. */
  submit(key: string, item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (lane === undefined) {
        lane = { waiting: [], running: false };
        this.lanes.set(key, lane);
      }
      lane.waiting.push({
        item,
        settle: (error?: Error) => (error === undefined ? resolve() : reject(error)),
      });
      this.pending += 1;
      if (!lane.running && lane.waiting.length === 1) this.ready.push(key);
      this.dispatch();
    });
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private dispatch(): void {
    while (this.active < this.options.maxInFlight && this.readyHead < this.ready.length) {
      const key = this.ready[this.readyHead]!;
      this.readyHead += 1;
      const lane = this.lanes.get(key);
      if (lane === undefined || lane.running || lane.waiting.length === 0) continue;
      const batch = lane.waiting.splice(0, this.options.maxItemsPerRun ?? lane.waiting.length);
      lane.running = true;
      this.active += 1;
      void this.execute(key, lane, batch);
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready.splice(0, this.readyHead);
      this.readyHead = 0;
    }
  }

  private async execute(key: string, lane: Lane<T>, batch: Waiting<T>[]): Promise<void> {
    let failure: Error | undefined;
    try {
      await this.options.run(
        key,
        batch.map((waiting) => waiting.item),
      );
    } catch (error) {
      failure =
        error instanceof Error ? error : new Error(`run of ${key} failed: ${String(error)}`);
    }
    for (const waiting of batch) waiting.settle(failure);
    this.pending -= batch.length;
    lane.running = false;
    this.active -= 1;
    if (lane.waiting.length > 0) this.ready.push(key);
    else this.lanes.delete(key);
    this.dispatch();
    if (this.pending === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}
