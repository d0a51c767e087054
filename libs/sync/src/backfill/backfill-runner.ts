import { randomUUID } from 'node:crypto';
import type { BulkSyncConfig } from '@subsync/config';
import type { Provider } from '@subsync/domain';
import type { Clock } from '@subsync/messaging';
import type { SyncUnitOfWork } from '@subsync/persistence';
import { queueSyncRequestIn } from '../request/queue-sync-request';
import type { BackfillLister } from './subscription-listers';

export interface BackfillRunnerDeps {
  provider: Provider;
  unitOfWork: SyncUnitOfWork;
  clock: Clock;
  lister: BackfillLister;
  config: Pick<BulkSyncConfig, 'backfillMaxPending' | 'backfillLeaseMs'>;
  /** The service's name: the outbox source. */
  source: string;
  log: (message: string) => void;
  /** How long to wait between polls for work; default 1 s. */
  pollMs?: number;
}

/** Listing failures in a row before the job is marked failed. */
const MAX_LISTING_FAILURES = 8;

/**
 * Runs the provider's backfill jobs in this process. Any number of processes may run one: each
 * claims a job with a lease in PostgreSQL and renews it while it works; a job whose worker died
 * is taken over once the lease lapses, from its last checkpoint. Each page's syncs are queued
 * (Event and outbox row each) in the same transaction as the checkpoint that follows the page,
 * so a crash never queues a page twice. A page is listed only while fewer than
 * `backfillMaxPending` of the job's syncs wait, so live requests never queue behind more.
 */
export class BackfillRunner {
  private readonly holder = `${process.pid}-${randomUUID()}`;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: BackfillRunnerDeps) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const { unitOfWork, provider, config } = this.deps;
        const id = await unitOfWork.run((store) =>
          store.claimBackfillJob(provider, this.holder, config.backfillLeaseMs),
        );
        if (id === null) await this.sleep(this.deps.pollMs ?? 1000);
        else await this.work(id);
      } catch (error) {
        this.deps.log(`backfill runner: ${describe(error)}; trying again`);
        await this.sleep(2000);
      }
    }
  }

  /** Works on a claimed job until it ends, stops running, or the lease is lost. */
  private async work(id: string): Promise<void> {
    const { unitOfWork, config } = this.deps;
    let failures = 0;
    while (!this.stopped) {
      const job = await unitOfWork.run(async (store) =>
        (await store.renewBackfillLease(id, this.holder, config.backfillLeaseMs))
          ? store.loadBackfillProgress(id)
          : null,
      );
      if (job?.status !== 'running') return;
      const { pending } = job;
      if (job.listingDone) {
        if (pending === 0) {
          await this.finish(id, 'completed');
          return;
        }
        await this.sleep(250);
        continue;
      }
      if (pending >= config.backfillMaxPending) {
        await this.sleep(250);
        continue;
      }
      let page;
      try {
        page = await this.deps.lister.page(job.filter, job.checkpoint);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.deps.log(`backfill ${id}: listing failed (${failures}): ${describe(error)}`);
        if (failures >= MAX_LISTING_FAILURES) {
          await this.finish(id, 'failed', `listing failed: ${describe(error)}`);
          return;
        }
        await this.sleep(Math.min(1000 * 2 ** failures, 15_000));
        continue;
      }
      if (!(await this.queuePage(id, job.correlationId, page))) return;
    }
  }

  /** Queues a page's syncs and saves the checkpoint after it, or nothing if the job moved on. */
  private async queuePage(
    id: string,
    correlationId: string,
    page: { refs: string[]; checkpoint: unknown; done: boolean },
  ): Promise<boolean> {
    const now = this.deps.clock.now();
    const refs = [...new Set(page.refs)];
    // The unit of work tells the outbox relay once it commits.
    return this.deps.unitOfWork.run(async (store) => {
      if (!(await store.lockLeasedBackfillJob(id, this.holder))) return false;
      for (const ref of refs) {
        await queueSyncRequestIn(store, {
          provider: this.deps.provider,
          ref,
          trigger: 'backfill',
          correlationId,
          backfillId: id,
          source: this.deps.source,
          now,
        });
      }
      await store.saveBackfillPage(id, {
        checkpoint: page.checkpoint,
        listingDone: page.done,
        listed: page.refs.length,
        queued: refs.length,
        skipped: page.refs.length - refs.length,
        now,
      });
      return true;
    });
  }

  private async finish(id: string, status: 'completed' | 'failed', error?: string): Promise<void> {
    await this.deps.unitOfWork.run(async (store) => {
      if (!(await store.lockLeasedBackfillJob(id, this.holder))) return;
      await store.setBackfillStatus(id, status, this.deps.clock.now(), error ?? null);
    });
    this.deps.log(`backfill ${id}: ${status}${error === undefined ? '' : ` (${error})`}`);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
