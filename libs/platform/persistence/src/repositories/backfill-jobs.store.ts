import type { DataSource } from 'typeorm';
import type { BackfillStatus, BackfillTransition } from '@subsync/domain';
import {
  type BackfillJob,
  findBackfillJob,
  insertBackfillJob,
  listBackfillJobs,
  setBackfillStatus,
} from './backfill-jobs.repository';

export type NewBackfillJob = Parameters<typeof insertBackfillJob>[1];

/** The backfill jobs an operator starts and acts on; the sync services run them. */
export interface BackfillJobs {
  insert(job: NewBackfillJob): Promise<void>;
  /** The newest jobs first, optionally of one status. */
  list(options: { limit: number; status?: BackfillStatus }): Promise<BackfillJob[]>;
  find(id: string): Promise<BackfillJob | null>;
  /**
   * In one transaction: locks job `id`, asks `decide` for its next status and stores it. Null
   * when there is no such job; the refusal when `decide` refuses.
   */
  transition(
    id: string,
    decide: (status: BackfillStatus) => BackfillTransition,
    now: Date,
  ): Promise<BackfillTransition | null>;
}

export class BackfillJobsTypeOrm implements BackfillJobs {
  constructor(private readonly dataSource: DataSource) {}

  insert(job: NewBackfillJob): Promise<void> {
    return insertBackfillJob(this.dataSource.manager, job);
  }

  list(options: { limit: number; status?: BackfillStatus }): Promise<BackfillJob[]> {
    return listBackfillJobs(this.dataSource.manager, options);
  }

  find(id: string): Promise<BackfillJob | null> {
    return findBackfillJob(this.dataSource.manager, id);
  }

  transition(
    id: string,
    decide: (status: BackfillStatus) => BackfillTransition,
    now: Date,
  ): Promise<BackfillTransition | null> {
    return this.dataSource.transaction(async (manager) => {
      const job = await findBackfillJob(manager, id, { lock: true });
      if (job === null) return null;
      const next = decide(job.status);
      if (next.ok) await setBackfillStatus(manager, id, next.status, now);
      return next;
    });
  }
}
