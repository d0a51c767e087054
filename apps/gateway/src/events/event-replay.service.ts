import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { replayDecision } from '@subsync/domain';
import { isUniqueViolation, SYNC_EVENT_READS, type SyncEventReads } from '@subsync/persistence';
import { RequestSyncService } from '../sync/request-sync.service';

export const replayAnswerSchema = z.object({
  eventId: z.string(),
  status: z.literal('queued'),
  replayOf: z.string(),
});
export type ReplayAnswer = z.infer<typeof replayAnswerSchema>;

/**
 * Runs a failed Event's sync again as a new Event linked to it. The request is the recorded one,
 * so a callout keeps its loop-prevention context; only its notification id is dropped, because
 * that id belongs to the first delivery.
 */
@Injectable()
export class EventReplayService {
  constructor(
    @Inject(SYNC_EVENT_READS) private readonly events: SyncEventReads,
    private readonly requestSync: RequestSyncService,
  ) {}

  async replay(id: string, correlationId: string): Promise<ReplayAnswer> {
    const event = await this.events.find(id);
    if (event === null) throw new NotFoundException(`No event '${id.slice(0, 80)}'`);
    const pending = await this.events.pendingReplayOf(id);
    const decision = replayDecision({
      id,
      status: event.status,
      request: event.request,
      deadLetter: event.deadLetter,
      pendingReplayId: pending?.id ?? null,
    });
    if (!decision.ok) throw new ConflictException(decision.reason);
    const { callout, ...request } = decision.request;
    const { notificationId: _first, ...context } = callout ?? {};
    try {
      const { eventId } = await this.requestSync.request({
        ...request,
        correlationId,
        replayOf: id,
        ...(callout === undefined ? {} : { callout: context }),
      });
      return { eventId, status: 'queued', replayOf: id };
    } catch (error) {
      // A replay requested at the same moment won the race.
      if (isUniqueViolation(error, 'events_one_pending_replay')) {
        throw new ConflictException(`${id} is already being replayed`);
      }
      throw error;
    }
  }
}
