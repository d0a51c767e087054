import type { EntityManager } from 'typeorm';
import type {
  DeadLetterEvent,
  DeadLetterProvenance,
  EventRequest,
  EventStatus,
  FieldChange,
} from '@subsync/domain';
import type { SyncEventEntity } from '../entities/sync-event.entity';
import type { Statement } from './statement';

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
  const insert = queuedEventInsert(event, 1);
  await manager.query(insert.sql, insert.parameters);
}

/**
 * The `INSERT` of a queued Event, its parameters numbered from `$first`, to run alone or inside a
 * larger statement.
 */
export function queuedEventInsert(
  event: QueuedSyncEvent,
  first: number,
): { sql: string; parameters: unknown[] } {
  const $ = (n: number) => `$${first + n}`;
  return {
    sql: `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at, status,
                              request, replay_of, backfill_id)
          VALUES (${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, 'queued', ${$(7)},
                  ${$(8)}, ${$(9)})`,
    parameters: [
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
  };
}

/**
 * Records how syncs ended, in one statement. An Event usually exists already (the gateway queued
 * it); one requested straight on Kafka by an upstream system gets its Event here. Null when there
 * is nothing to record.
 */
export function completeEventsStatement(
  completions: readonly { event: QueuedSyncEvent; result: SyncEventResult }[],
): Statement | null {
  if (completions.length === 0) return null;
  // One JSON parameter rather than an array per column. The driver builds an array literal by
  // escaping and concatenating every element in JavaScript: in S1b that was 29 % of the bytes
  // zuora-sync allocated, most of it for this statement's JSON and the outbox's.
  const rows = completions.map(({ event, result }) => ({
    id: event.id,
    type: event.type,
    provider: event.provider,
    ref: event.ref,
    trigger: event.trigger,
    correlation_id: event.correlationId,
    created_at: event.createdAt,
    status: result.status,
    subscription_id: result.subscriptionId,
    owner_id: result.ownerId,
    changes: result.changes,
    reason: result.reason,
    error_code: result.errorCode,
    completed_at: result.completedAt,
    request: event.request,
    replay_of: event.replayOf ?? null,
    coalesced_into: result.coalescedInto ?? null,
  }));
  return {
    sql: `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at,
                         status, subscription_id, owner_id, changes, reason, error_code, completed_at,
                         request, replay_of, coalesced_into)
     SELECT * FROM json_to_recordset($1::json)
       AS v(id text, type text, provider text, ref text, trigger text, correlation_id uuid,
            created_at timestamptz, status text, subscription_id text, owner_id text, changes jsonb,
            reason text, error_code text, completed_at timestamptz, request jsonb, replay_of text,
            coalesced_into text)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, subscription_id = EXCLUDED.subscription_id,
       owner_id = EXCLUDED.owner_id, changes = EXCLUDED.changes, reason = EXCLUDED.reason,
       error_code = EXCLUDED.error_code, completed_at = EXCLUDED.completed_at,
       coalesced_into = EXCLUDED.coalesced_into`,
    parameters: [JSON.stringify(rows)],
  };
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
