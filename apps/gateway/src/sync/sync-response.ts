import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Completion } from './sync-completion.waiter';

export type SyncAnswer =
  | { success: true; id: string | null; owner: string | null }
  | { success: true; skipped: true; reason: string | null }
  | { eventId: string; status: 'queued' };

/**
 * Turns a sync's outcome into the HTTP answer: 200 `{success,id,owner}`, 502 `{message}` when
 * the sync failed, or 202 with the event id when the caller asked not to wait or the wait ran out.
 */
export function syncAnswer(
  response: Response,
  eventId: string,
  completion: Completion | null,
): SyncAnswer {
  // Every answer names its Event, so a caller can look up what the sync did or why it failed.
  response.setHeader('X-Event-Id', eventId);
  if (completion === null) {
    response.status(HttpStatus.ACCEPTED);
    return { eventId, status: 'queued' };
  }
  switch (completion.status) {
    case 'succeeded':
      response.status(HttpStatus.OK);
      return { success: true, id: completion.subscriptionId, owner: completion.ownerId };
    case 'skipped':
      response.status(HttpStatus.OK);
      return { success: true, skipped: true, reason: completion.reason };
    case 'failed':
      throw new HttpException(
        { message: completion.reason ?? 'The sync failed' },
        HttpStatus.BAD_GATEWAY,
      );
  }
}
