import { z } from 'zod';
import { syncRequestedSchema } from '../messages/message-schemas';
import { Topics } from '../messages/topics';
import type {
  DeadLetterProvenance,
  EventRequest,
  EventStatus,
  RequestedSync,
} from './event-record';

export interface ReplayCandidate {
  id: string;
  status: EventStatus;
  request: EventRequest | null;
  deadLetter: DeadLetterProvenance | null;
  /** A replay of this Event that has not finished yet. */
  pendingReplayId: string | null;
}

export type ReplayDecision = { ok: true; request: RequestedSync } | { ok: false; reason: string };

/**
 * Whether a failed Event can be run again, and as what: the sync it recorded, unchanged (a
 * callout keeps its callout block, so loop prevention still applies to the replay).
 */
export function replayDecision(event: ReplayCandidate): ReplayDecision {
  if (event.status !== 'failed') {
    return {
      ok: false,
      reason: `Only failed events can be replayed; ${event.id} is ${event.status}`,
    };
  }
  if (event.pendingReplayId !== null) {
    return {
      ok: false,
      reason: `${event.id} is already being replayed by ${event.pendingReplayId}`,
    };
  }
  const { request, deadLetter } = event;
  if (request === null) {
    if (deadLetter !== null) {
      return {
        ok: false,
        reason: `The dead-lettered message is not a valid ${deadLetter.topic} message, so a replay would fail the same way (${deadLetter.error ?? 'no error recorded'}); publish a corrected message instead`,
      };
    }
    return {
      ok: false,
      reason: `${event.id} does not record the request that started it; sync the subscription again instead`,
    };
  }
  if (request.topic === Topics.identityLogin) {
    return {
      ok: false,
      reason:
        "This hot sync failed at login, before a sync was requested; the customer's next login tries again",
    };
  }
  if (request.topic !== Topics.syncRequested) {
    return { ok: false, reason: `Messages on ${request.topic} are not replayed` };
  }
  const parsed = syncRequestedSchema.omit({ eventId: true }).safeParse(request.data);
  if (!parsed.success) {
    return {
      ok: false,
      reason: `The recorded request is not a valid sync request: ${z.prettifyError(parsed.error)}`,
    };
  }
  return { ok: true, request: parsed.data };
}
