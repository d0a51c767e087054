import type { EntityManager } from 'typeorm';
import type {
  DeadLetterEvent,
  DeadLetterProvenance,
  EventRequest,
  EventStatus,
  FieldChange,
} from '@subsync/domain';
import type { SyncEventEntity } from '../entities/sync-event.entity';

export interface QueuedSyncEvent {
  id: string;
  type: SyncEventEntity['type'];
  provider: SyncEventEntity['provider'];
  ref: string;
  trigger: string;
  correlationId: string;
  createdAt: Date;
  /** What was asked for; null only when nothing replayable was (e.g. an invalid message). */
  request: EventRequest | null;
  /** The failed Event this one replays. */
  replayOf?: string | null;
  /** The backfill job that queued it. */
  backfillId?: string | null;
}

export interface SyncEventResult {
  status: Exclude<EventStatus, 'queued'>;
  subscriptionId: string | null;
  ownerId: string | null;
  changes: FieldChange[];
  reason: string | null;
  errorCode: string | null;
  completedAt: Date;
  /** For a request answered by another request's sync: the Event that did the work. */
  coalescedInto?: string | null;
}

export async function insertQueuedEvent(
  manager: EntityManager,
  event: QueuedSyncEvent,
): Promise<void> {
  await manager.query(
    `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at, status,
                         request, replay_of, backfill_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9, $10)`,
    [
      event.id,
      event.type,
      event.provider,
      event.ref,
      event.trigger,
      event.correlationId,
      event.createdAt,
      event.request === null ? null : JSON.stringify(event.request),
      event.replayOf ?? null,
      event.backfillId ?? null,
    ],
  );
}

/**
 * Records how a sync ended. The event usually exists already (the gateway queued it); one
 * requested straight on Kafka by an upstream system gets its event here.
 */
export function completeEvent(
  manager: EntityManager,
  event: QueuedSyncEvent,
  result: SyncEventResult,
): Promise<void> {
  return completeEvents(manager, [{ event, result }]);
}

/** {@link completeEvent} for several Events, in one statement. */
export async function completeEvents(
  manager: EntityManager,
  completions: readonly { event: QueuedSyncEvent; result: SyncEventResult }[],
): Promise<void> {
  if (completions.length === 0) return;
  const column = <T>(pick: (c: { event: QueuedSyncEvent; result: SyncEventResult }) => T): T[] =>
    completions.map(pick);
  await manager.query(
    `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at,
                         status, subscription_id, owner_id, changes, reason, error_code, completed_at,
                         request, replay_of, coalesced_into)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[],
                          $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::jsonb[],
                          $12::text[], $13::text[], $14::timestamptz[], $15::jsonb[], $16::text[],
                          $17::text[])
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, subscription_id = EXCLUDED.subscription_id,
       owner_id = EXCLUDED.owner_id, changes = EXCLUDED.changes, reason = EXCLUDED.reason,
       error_code = EXCLUDED.error_code, completed_at = EXCLUDED.completed_at,
       coalesced_into = EXCLUDED.coalesced_into`,
    [
      column((c) => c.event.id),
      column((c) => c.event.type),
      column((c) => c.event.provider),
      column((c) => c.event.ref),
      column((c) => c.event.trigger),
      column((c) => c.event.correlationId),
      column((c) => c.event.createdAt),
      column((c) => c.result.status),
      column((c) => c.result.subscriptionId),
      column((c) => c.result.ownerId),
      column((c) => JSON.stringify(c.result.changes)),
      column((c) => c.result.reason),
      column((c) => c.result.errorCode),
      column((c) => c.result.completedAt),
      column((c) => (c.event.request === null ? null : JSON.stringify(c.event.request))),
      column((c) => c.event.replayOf ?? null),
      column((c) => c.result.coalescedInto ?? null),
    ],
  );
}

export interface DeadLetteredEvent {
  /** Used when the message completes no queued Event; the same for every copy of one letter. */
  id: string;
  event: DeadLetterEvent;
  provenance: DeadLetterProvenance;
  now: Date;
}

/**
 * Shows a dead-lettered message in the Events log, failed. When the message was meant to complete
 * an Event that is still queued, that Event fails; otherwise a new one is recorded. Recording the
 * same letter twice changes nothing. Returns the Event's id and whether it was the queued one.
 */
export async function recordDeadLetteredEvent(
  manager: EntityManager,
  input: DeadLetteredEvent,
): Promise<{ eventId: string; completedQueued: boolean }> {
  const { event, provenance, now } = input;
  // A new Event is placed when the message failed, not when the intake got to it.
  const completedAt = provenance.failedAt === null ? now : new Date(provenance.failedAt);
  if (event.queuedEventId !== null) {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE events SET status = 'failed', reason = $2, error_code = $3, completed_at = $4,
              dead_letter = $5, request = COALESCE(request, $6)
        WHERE id = $1 AND status = 'queued' RETURNING id`,
      [
        event.queuedEventId,
        event.reason,
        DEAD_LETTERED,
        completedAt,
        JSON.stringify(provenance),
        event.request === null ? null : JSON.stringify(event.request),
      ],
    );
    if (rows.length > 0) return { eventId: event.queuedEventId, completedQueued: true };
  }
  await manager.query(
    `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at, status,
                         reason, error_code, completed_at, request, dead_letter)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'failed', $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO NOTHING`,
    [
      input.id,
      event.type,
      event.provider,
      event.ref,
      event.trigger,
      event.correlationId,
      completedAt,
      event.reason,
      DEAD_LETTERED,
      completedAt,
      event.request === null ? null : JSON.stringify(event.request),
      JSON.stringify(provenance),
    ],
  );
  return { eventId: input.id, completedQueued: false };
}

/** The error code of an Event whose message ended in a dead-letter topic. */
export const DEAD_LETTERED = 'DEAD_LETTERED';
