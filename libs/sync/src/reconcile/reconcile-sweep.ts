import type { BulkSyncConfig } from '@subsync/config';
import type { Provider } from '@subsync/domain';
import type { Clock } from '@subsync/messaging';
import type { SyncUnitOfWork } from '@subsync/persistence';
import { randomUUID } from 'node:crypto';
import { queueSyncRequestIn } from '../request/queue-sync-request';
import type { ChangeLister } from '../backfill/subscription-listers';

export interface ReconcileSweepDeps {
  provider: Provider;
  unitOfWork: SyncUnitOfWork;
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
    const { unitOfWork, clock, config, provider } = this.deps;
    const now = clock.now();
    const watermark = await unitOfWork.run((store) =>
      store.claimReconcileSweep(provider, {
        now,
        intervalMs: config.reconcileIntervalMs,
        firstWatermark: new Date(now.getTime() - config.reconcileIntervalMs),
      }),
    );
    if (watermark === null) return null;
    const since = new Date(watermark.getTime() - config.reconcileOverlapMs);
    const { refs, newest } = await this.deps.lister.changedSince(since);
    const unique = [...new Set(refs)];
    const correlationId = randomUUID();
    // The unit of work tells the outbox relay once it commits.
    await unitOfWork.run(async (store) => {
      for (const ref of unique) {
        await queueSyncRequestIn(store, {
          provider,
          ref,
          trigger: 'reconcile',
          correlationId,
          source: this.deps.source,
          now,
        });
      }
      await store.advanceReconcileWatermark(provider, {
        // Never past this sweep's start: a change stamped in the future (a skewed upstream
        // clock) would otherwise hide every real change until that time.
        watermark:
          newest === null ? watermark : new Date(Math.min(newest.getTime(), now.getTime())),
        now,
        queued: unique.length,
      });
    });
    this.deps.log(`reconcile sweep since ${since.toISOString()}: ${unique.length} queued`);
    return unique.length;
  }
}
