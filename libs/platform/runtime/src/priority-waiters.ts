/** How a request for a scarce slot (an upstream's request slot, say) ranks against others waiting. */
export interface WaitPriority {
  /** A later step of work already under way: it goes ahead of first steps of its own class. */
  urgent?: boolean;
  /** Work nobody is waiting for (a backfill, a sweep): it goes after all foreground work. */
  background?: boolean;
}

/**
 * Waiters in four ranks, first in first out within each: foreground work under way, foreground
 * first steps, background work under way, background first steps. A live request then waits
 * only for other live requests, however long a backfill's queue is.
 */
export class PriorityWaiters<T> {
  private readonly ranks: T[][] = [[], [], [], []];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(waiter: T, priority: WaitPriority = {}): void {
    const rank = (priority.background === true ? 2 : 0) + (priority.urgent === true ? 0 : 1);
    this.ranks[rank]!.push(waiter);
    this.count += 1;
  }

  /** The first waiter of the highest rank, removed; undefined when none waits. */
  shift(): T | undefined {
    for (const rank of this.ranks) {
      if (rank.length > 0) {
        this.count -= 1;
        return rank.shift();
      }
    }
    return undefined;
  }

  /** Takes a waiter out (one that gave up); false if it was not waiting. */
  remove(waiter: T): boolean {
    for (const rank of this.ranks) {
      const index = rank.indexOf(waiter);
      if (index >= 0) {
        rank.splice(index, 1);
        this.count -= 1;
        return true;
      }
    }
    return false;
  }
}
