import { Logger } from '@nestjs/common';
import {
  type Envelope,
  type Fetched,
  type SyncOutcome,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import type { Clock } from '@subsync/messaging';
import type { SyncUnitOfWork } from '@subsync/persistence';
import { syncMetrics } from '@subsync/metrics';
import { type AnsweredRequests, recordSyncOutcomes } from '../outcome/record-sync-outcomes';
import { StaleSnapshotError, type SyncProvider } from './sync-provider';

/** What one sync fetched, ready to be written with the outcome of the requests it answers. */
export interface PendingApply {
  requests: readonly Envelope<SyncRequested>[];
  provider: SyncProvider<unknown>;
  fetched: Fetched<unknown>;
  fetchStartedAt: Date;
  /** When the sync began (`performance.now()`), for its duration in the metrics. */
  startedAt: number;
  /** Recorded instead of applying anything (the snapshot kept turning out stale). */
  outcome?: SyncOutcome;
}

export interface BatchApplierOptions {
  /** Syncs one transaction writes at most. */
  maxBatch: number;
  /** Transactions under way at once (a batch fills while another commits). */
  maxConcurrent: number;
}

/** The requests a committed transaction answered, and when their sync began. */
type Answered = AnsweredRequests & { startedAt: number };

interface Entry {
  work: PendingApply;
  resolve: (result: 'done' | StaleSnapshotError) => void;
  reject: (error: Error) => void;
}

/**
 * Writes syncs in batches (group commit): the syncs whose fetches finished while a transaction
 * was committing share the next one: one inbox claim, one set-based write per kind of row, one
 * statement for their Events and one for their announcements, one commit. Under load, a sync
 * costs a fraction of the statements and commits it would alone; with little load, a batch holds
 * one sync and nothing waits. A batch that fails is retried one sync at a time, so a sync that
 * cannot be written never holds up the others.
 */
export class BatchApplier {
  private readonly logger = new Logger(BatchApplier.name);
  private readonly queue: Entry[] = [];
  private active = 0;

  constructor(
    private readonly unitOfWork: SyncUnitOfWork,
    private readonly clock: Clock,
    private readonly options: BatchApplierOptions,
  ) {}

  /** Resolves once written, or with the StaleSnapshotError of a snapshot to fetch again. */
  submit(work: PendingApply): Promise<'done' | StaleSnapshotError> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.active += 1;
      void this.flush(batch).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Entry[]): Promise<void> {
    let results: ('done' | StaleSnapshotError)[];
    let answered: Answered[];
    try {
      ({ results, answered } = await this.write(batch.map((entry) => entry.work)));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      // Find the sync that cannot be written: each gets a transaction of its own.
      this.logger.warn(
        `a batch of ${batch.length} syncs failed, writing them one by one: ${error instanceof Error ? error.message : String(error)}`,
      );
      for (const entry of batch) await this.flush([entry]);
      return;
    }
    countCommitted(answered);
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }

  private async write(
    works: readonly PendingApply[],
  ): Promise<{ results: ('done' | StaleSnapshotError)[]; answered: Answered[] }> {
    return this.unitOfWork.run(async (store) => {
      const { claimed, transactionStartedAt } = await store.claimMessages(
        works.flatMap((work) => work.requests.map((request) => request.id)),
        Topics.syncRequested,
      );
      const results: ('done' | StaleSnapshotError)[] = works.map(() => 'done');
      // Requests another process answered meanwhile are left to it.
      const live = works
        .map((work, index) => ({
          work,
          index,
          requests: work.requests.filter((request) => claimed.has(request.id)),
        }))
        .filter(({ requests }) => requests.length > 0);
      if (live.length === 0 || transactionStartedAt === null) return { results, answered: [] };

      const now = this.clock.now();
      const outcomes = new Map<number, SyncOutcome>();
      const toApply = live.filter(({ work }) => work.outcome === undefined && work.fetched.ok);
      for (const provider of new Set(toApply.map(({ work }) => work.provider))) {
        const mine = toApply.filter(({ work }) => work.provider === provider);
        const applied = await provider.writer.applyAll(
          store,
          mine.map(({ work }) => ({
            snapshot: (work.fetched as { snapshot: unknown }).snapshot,
            fetchStartedAt: work.fetchStartedAt,
          })),
          { now, transactionStartedAt },
        );
        mine.forEach(({ index }, i) => {
          const result = applied[i]!;
          if (result instanceof StaleSnapshotError) results[index] = result;
          else outcomes.set(index, result);
        });
      }
      // A stale snapshot wrote nothing: its requests will be fetched and answered again.
      await store.releaseMessages(
        live
          .filter(({ index }) => results[index] instanceof StaleSnapshotError)
          .flatMap(({ requests }) => requests.map((request) => request.id)),
      );
      const answered: Answered[] = live.flatMap(({ work, index, requests }) => {
        const outcome =
          work.outcome ?? (work.fetched.ok ? outcomes.get(index) : work.fetched.outcome);
        return outcome === undefined
          ? []
          : [{ requests, outcome, source: work.provider.source, startedAt: work.startedAt }];
      });
      await recordSyncOutcomes(store, answered, now);
      return { results, answered };
    });
  }
}

/** Counted once committed: a batch that rolls back and is written again counts once. */
function countCommitted(answered: readonly Answered[]): void {
  const now = performance.now();
  for (const { requests, outcome, startedAt } of answered) {
    syncMetrics.answered({
      provider: requests[0]!.data.provider,
      outcome: outcome.status,
      triggers: requests.map((request) => request.data.trigger),
      seconds: (now - startedAt) / 1000,
    });
  }
}
