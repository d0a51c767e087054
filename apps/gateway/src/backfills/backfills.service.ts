import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  applyBackfillAction,
  BACKFILL_STATUSES,
  type BackfillAction,
  type BackfillStatus,
  newPlatformId,
  parseBackfillRequest,
} from '@subsync/domain';
import { Clock } from '@subsync/messaging';
import {
  findBackfillJob,
  insertBackfillJob,
  listBackfillJobs,
  setBackfillStatus,
} from '@subsync/persistence';
import { type BackfillView, toBackfillView } from './backfill.view';

/**
 * Starts backfill jobs and acts on them. The jobs themselves run in zuora-sync and stripe-sync
 * (see BackfillRunner); this only writes the job and its status.
 */
@Injectable()
export class BackfillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async start(
    body: unknown,
    createdBy: string | null,
    correlationId: string,
  ): Promise<BackfillView> {
    const parsed = parseBackfillRequest(body);
    if (!parsed.ok) throw new BadRequestException(parsed.error);
    const id = newPlatformId('backfill');
    await insertBackfillJob(this.dataSource.manager, {
      id,
      provider: parsed.value.provider,
      filter: parsed.value.filter,
      createdBy,
      correlationId,
      now: this.clock.now(),
    });
    return this.get(id);
  }

  async list(query: { status?: string; limit?: string }): Promise<{ data: BackfillView[] }> {
    const { status } = query;
    if (status !== undefined && !(BACKFILL_STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException(`status must be one of ${BACKFILL_STATUSES.join(', ')}`);
    }
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw new BadRequestException('limit must be an integer from 1 to 200');
    }
    const jobs = await listBackfillJobs(this.dataSource.manager, {
      limit,
      ...(status === undefined ? {} : { status: status as BackfillStatus }),
    });
    const now = this.clock.now();
    return { data: jobs.map((job) => toBackfillView(job, now)) };
  }

  async get(id: string): Promise<BackfillView> {
    const job = await findBackfillJob(this.dataSource.manager, id);
    if (job === null) throw new NotFoundException(`No backfill '${id.slice(0, 80)}'`);
    return toBackfillView(job, this.clock.now());
  }

  /** Pause, resume or cancel; 409 with the reason when the job's state does not allow it. */
  async act(id: string, action: BackfillAction): Promise<BackfillView> {
    await this.dataSource.transaction(async (manager) => {
      const job = await findBackfillJob(manager, id, { lock: true });
      if (job === null) throw new NotFoundException(`No backfill '${id.slice(0, 80)}'`);
      const next = applyBackfillAction(job.status, action);
      if (!next.ok) throw new ConflictException(next.reason);
      await setBackfillStatus(manager, id, next.status, this.clock.now());
    });
    return this.get(id);
  }
}
