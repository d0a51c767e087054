interface Waiting<T> {
  item: T;
  background: boolean;
  settle: (error?: Error) => void;
}

interface Lane<T> {
  waiting: Waiting<T>[];
  running: boolean;
  /** Items waiting that are not background work: while there is one, the key is in the foreground queue. */
  foreground: number;
}

/** A FIFO of keys, compacted now and then. */
class KeyQueue {
  private readonly keys: string[] = [];
  private head = 0;

  get empty(): boolean {
    return this.head >= this.keys.length;
  }

  push(key: string): void {
    this.keys.push(key);
  }

  shift(): string | undefined {
    if (this.empty) return undefined;
    const key = this.keys[this.head]!;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys.splice(0, this.head);
      this.head = 0;
    }
    return key;
  }
}

export interface SubmitOptions {
  /**
   * Background work (a backfill, a sweep) runs only when no foreground key is ready, so a live
   * request overtakes a queue of background ones. Ordering within a key is unchanged.
   */
  background?: boolean;
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
 * becomes ready again goes to the back of its queue, so a busy key cannot starve the others.
 * Keys with foreground work waiting go before keys with only background work.
 */
export class KeyedScheduler<T> {
  private readonly lanes = new Map<string, Lane<T>>();
  private readonly foreground = new KeyQueue();
  private readonly background = new KeyQueue();
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
  submit(key: string, item: T, options: SubmitOptions = {}): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const background = options.background === true;
      let lane = this.lanes.get(key);
      if (lane === undefined) {
        lane = { waiting: [], running: false, foreground: 0 };
        this.lanes.set(key, lane);
      }
      lane.waiting.push({
        item,
        background,
        settle: (error?: Error) => (error === undefined ? resolve() : reject(error)),
      });
      this.pending += 1;
      if (!background) lane.foreground += 1;
      if (!lane.running) {
        // A key already queued in the background moves up when foreground work joins it; the
        // entry left behind is skipped when reached (the lane is running or empty by then).
        if (lane.waiting.length === 1) this.enqueue(key, lane);
        else if (!background && lane.foreground === 1) this.foreground.push(key);
      }
      this.dispatch();
    });
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(key: string, lane: Lane<T>): void {
    (lane.foreground > 0 ? this.foreground : this.background).push(key);
  }

  private dispatch(): void {
    while (this.active < this.options.maxInFlight) {
      const key = this.foreground.shift() ?? this.background.shift();
      if (key === undefined) return;
      const lane = this.lanes.get(key);
      if (lane === undefined || lane.running || lane.waiting.length === 0) continue;
      const batch = lane.waiting.splice(0, this.options.maxItemsPerRun ?? lane.waiting.length);
      lane.foreground -= batch.filter((waiting) => !waiting.background).length;
      lane.running = true;
      this.active += 1;
      void this.execute(key, lane, batch);
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
    if (lane.waiting.length > 0) this.enqueue(key, lane);
    else this.lanes.delete(key);
    this.dispatch();
    if (this.pending === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }
}
