import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { SyncCompleted } from '@subsync/domain';
import { SYNC_EVENT_READS, type SyncEventEntity, type SyncEventReads } from '@subsync/persistence';

export type Completion = Pick<
  SyncCompleted,
  'status' | 'subscriptionId' | 'ownerId' | 'changes'
> & {
  reason: string | null;
};

interface Waiter {
  resolve: (completion: Completion | null) => void;
}

const POLL_INTERVAL_MS = 1_000;

/**
 * Lets a synchronous HTTP request wait for its sync to finish. `sync.completed.v1` normally
 * resolves it at once; polling the Event row covers an outcome published while this gateway
 * was not yet listening.
 */
@Injectable()
export class SyncCompletionWaiter implements OnApplicationShutdown {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private poller?: NodeJS.Timeout;

  constructor(@Inject(SYNC_EVENT_READS) private readonly events: SyncEventReads) {}

  /** Resolves with the outcome, or null when the timeout passes first. */
  wait(eventId: string, timeoutMs: number): Promise<Completion | null> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve: (completion) => {
          clearTimeout(timer);
          this.remove(eventId, waiter);
          resolve(completion);
        },
      };
      const timer = setTimeout(() => waiter.resolve(null), timeoutMs);
      const set = this.waiters.get(eventId) ?? new Set<Waiter>();
      set.add(waiter);
      this.waiters.set(eventId, set);
      this.poller ??= setInterval(() => void this.poll(), POLL_INTERVAL_MS);
    });
  }

  /** The outcome already recorded on the Event, or null while it is still queued. */
  async settled(eventId: string): Promise<Completion | null> {
    const row = await this.events.find(eventId);
    return row === null ? null : completionOf(row);
  }

  complete(data: SyncCompleted): void {
    if (!this.waiters.has(data.eventId)) return;
    // A skip announced without its reason (by a service older than `reason`): the poller reads it.
    if (data.status === 'skipped' && data.reason === undefined) return;
    this.resolveAll(data.eventId, {
      status: data.status,
      subscriptionId: data.subscriptionId,
      ownerId: data.ownerId,
      changes: data.changes,
      reason: data.reason ?? data.error?.message ?? null,
    });
  }

  onApplicationShutdown(): void {
    for (const eventId of [...this.waiters.keys()]) this.resolveAll(eventId, null);
  }

  private async poll(): Promise<void> {
    const ids = [...this.waiters.keys()];
    if (ids.length === 0) return;
    try {
      const rows = await this.events.finishedAmong(ids);
      for (const row of rows) {
        const completion = completionOf(row);
        if (completion !== null) this.resolveAll(row.id, completion);
      }
    } catch {
      // The next poll or the Kafka message resolves it; a timeout answers 202 at worst.
    }
  }

  private resolveAll(eventId: string, completion: Completion | null): void {
    for (const waiter of [...(this.waiters.get(eventId) ?? [])]) waiter.resolve(completion);
  }

  private remove(eventId: string, waiter: Waiter): void {
    const set = this.waiters.get(eventId);
    set?.delete(waiter);
    if (set?.size === 0) this.waiters.delete(eventId);
    if (this.waiters.size === 0 && this.poller) {
      clearInterval(this.poller);
      this.poller = undefined;
    }
  }
}

/** The outcome an Event records, or null while it is queued. */
function completionOf(row: SyncEventEntity): Completion | null {
  if (row.status === 'queued') return null;
  return {
    status: row.status,
    subscriptionId: row.subscriptionId,
    ownerId: row.ownerId,
    changes: row.changes,
    reason: row.reason,
  };
}
