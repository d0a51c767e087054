import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  applyBackfillAction,
  BACKFILL_STATUSES,
  type BackfillAction,
  type BackfillStatus,
  newPlatformId,
  parseBackfillRequest,
} from '@subsync/domain';
import { Clock } from '@subsync/messaging';
import { BACKFILL_JOBS, type BackfillJobs } from '@subsync/persistence';
import { type BackfillView, toBackfillView } from './backfill.view';

/**
 * Starts backfill jobs and acts on them. The jobs themselves run in zuora-sync and stripe-sync
 * (see BackfillRunner); this only writes the job and its status.
 */
@Injectable()
export class BackfillsService {
  constructor(
    @Inject(BACKFILL_JOBS) private readonly jobs: BackfillJobs,
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
    await this.jobs.insert({
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
    const jobs = await this.jobs.list({
      limit,
      ...(status === undefined ? {} : { status: status as BackfillStatus }),
    });
    const now = this.clock.now();
    return { data: jobs.map((job) => toBackfillView(job, now)) };
  }

  async get(id: string): Promise<BackfillView> {
    const job = await this.jobs.find(id);
    if (job === null) throw new NotFoundException(`No backfill '${id.slice(0, 80)}'`);
    return toBackfillView(job, this.clock.now());
  }

  /** Pause, resume or cancel; 409 with the reason when the job's state does not allow it. */
  async act(id: string, action: BackfillAction): Promise<BackfillView> {
    const next = await this.jobs.transition(
      id,
      (status) => applyBackfillAction(status, action),
      this.clock.now(),
    );
    if (next === null) throw new NotFoundException(`No backfill '${id.slice(0, 80)}'`);
    if (!next.ok) throw new ConflictException(next.reason);
    return this.get(id);
  }
}
