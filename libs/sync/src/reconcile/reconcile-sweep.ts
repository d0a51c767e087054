import type { DataSource } from 'typeorm';
import type { BulkSyncConfig } from '@subsync/config';
import type { Provider } from '@subsync/domain';
import type { Clock, OutboxTypeOrm } from '@subsync/messaging';
import { advanceReconcileWatermark, claimReconcileSweep } from '@subsync/persistence';
import { randomUUID } from 'node:crypto';
import { queueSyncRequest } from '../request/queue-sync-request';
import type { ChangeLister } from '../backfill/subscription-listers';

export interface ReconcileSweepDeps {
  provider: Provider;
  dataSource: DataSource;
  outbox: OutboxTypeOrm;
  clock: Clock;
  lister: ChangeLister;
  config: Pick<BulkSyncConfig, 'reconcileIntervalMs' | 'reconcileOverlapMs'>;
  source: string;
  log: (message: string) => void;
}

/**
 * Every `reconcileIntervalMs`, syncs what changed upstream since the last sweep, so a lost
 * callout or webhook is repaired within one interval. One process runs each sweep: the one
 * that moves the provider's `next_run_at` forward in PostgreSQL. It lists from the high-water
 * mark minus `reconcileOverlapMs` (upstream timestamps are not strictly ordered), queues a sync
 * (trigger `reconcile`) for each changed subscription, and moves the mark to the newest change
 * seen (never past the sweep's start), in one transaction. A sweep that fails leaves the mark, so the next one covers it.
 */
export class ReconcileSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ReconcileSweepDeps) {}

  start(): void {
    const interval = this.deps.config.reconcileIntervalMs;
    if (interval === 0 || this.timer !== null) return;
    // Checked more often than the interval, so a sweep is at most a little late after a restart.
    this.timer = setInterval(() => this.tick(), Math.min(interval, 1000));
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running !== null) return;
    this.running = this.sweep()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.deps.log(
          `reconcile sweep failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** One sweep if it is due; the number of syncs queued, or null when it was not due. */
  async sweep(): Promise<number | null> {
    const { dataSource, clock, config, provider } = this.deps;
    const now = clock.now();
    const watermark = await claimReconcileSweep(dataSource.manager, provider, {
      now,
      intervalMs: config.reconcileIntervalMs,
      firstWatermark: new Date(now.getTime() - config.reconcileIntervalMs),
    });
    if (watermark === null) return null;
    const since = new Date(watermark.getTime() - config.reconcileOverlapMs);
    const { refs, newest } = await this.deps.lister.changedSince(since);
    const unique = [...new Set(refs)];
    const correlationId = randomUUID();
    await dataSource.transaction(async (manager) => {
      for (const ref of unique) {
        await queueSyncRequest(manager, this.deps.outbox, {
          provider,
          ref,
          trigger: 'reconcile',
          correlationId,
          source: this.deps.source,
          now,
        });
      }
      await advanceReconcileWatermark(manager, provider, {
        // Never past this sweep's start: a change stamped in the future (a skewed upstream
        // clock) would otherwise hide every real change until that time.
        watermark:
          newest === null ? watermark : new Date(Math.min(newest.getTime(), now.getTime())),
        now,
        queued: unique.length,
      });
    });
    if (unique.length > 0) this.deps.outbox.notifyCommitted();
    this.deps.log(`reconcile sweep since ${since.toISOString()}: ${unique.length} queued`);
    return unique.length;
  }
}
