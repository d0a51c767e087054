import {
  type DeadLetterProvenance,
  type EventRequest,
  type FieldChange,
  replayDecision,
} from '@subsync/domain';
import type { SyncEventEntity } from '@subsync/persistence';

/** An Event as the list shows it: the CONTRACTS fields plus the Event it replays. */
export interface EventView {
  id: string;
  type: string;
  provider: string | null;
  ref: string;
  trigger: string;
  status: string;
  subscriptionId: string | null;
  reason: string | null;
  changes: FieldChange[];
  createdAt: string;
  completedAt: string | null;
  replayOf: string | null;
  /** Set when another request's sync answered this one: the Event that did the work. */
  coalescedInto: string | null;
}

/** One Event in full: what was asked, what changed, what failed upstream, and how long it took. */
export interface EventDetailView extends EventView {
  ownerId: string | null;
  correlationId: string | null;
  error: { code: string; message: string } | null;
  durationMs: number | null;
  request: EventRequest | null;
  deadLetter: DeadLetterProvenance | null;
  replays: { id: string; status: string; createdAt: string }[];
  replayable: { ok: boolean; reason: string | null };
}

export function toEventView(event: SyncEventEntity): EventView {
  return {
    id: event.id,
    type: event.type,
    provider: event.provider,
    ref: event.ref,
    trigger: event.trigger,
    status: event.status,
    subscriptionId: event.subscriptionId,
    reason: event.reason,
    changes: event.changes,
    createdAt: event.createdAt.toISOString(),
    completedAt: event.completedAt?.toISOString() ?? null,
    replayOf: event.replayOf,
    coalescedInto: event.coalescedInto,
  };
}

/** `replays` are the Events that replay this one, oldest first. */
export function toEventDetailView(
  event: SyncEventEntity,
  replays: SyncEventEntity[],
): EventDetailView {
  const pending = replays.find((replay) => replay.status === 'queued');
  const decision = replayDecision({
    id: event.id,
    status: event.status,
    request: event.request,
    deadLetter: event.deadLetter,
    pendingReplayId: pending?.id ?? null,
  });
  return {
    ...toEventView(event),
    ownerId: event.ownerId,
    correlationId: event.correlationId,
    error:
      event.status === 'failed'
        ? { code: event.errorCode ?? 'UNKNOWN', message: event.reason ?? 'The sync failed' }
        : null,
    durationMs:
      event.completedAt === null ? null : event.completedAt.getTime() - event.createdAt.getTime(),
    request: event.request,
    deadLetter: event.deadLetter,
    replays: replays.map((replay) => ({
      id: replay.id,
      status: replay.status,
      createdAt: replay.createdAt.toISOString(),
    })),
    replayable: decision.ok ? { ok: true, reason: null } : { ok: false, reason: decision.reason },
  };
}
