import { z } from 'zod';
import {
  deadLetterProvenanceSchema,
  EVENT_STATUSES,
  EVENT_TYPES,
  fieldChangeSchema,
  providerSchema,
  replayDecision,
} from '@subsync/domain';
import type { SyncEventEntity } from '@subsync/persistence';
import { pageSchema } from '../http/page.schema';

/** An Event as the list shows it: the CONTRACTS fields plus the Event it replays. */
export const eventViewSchema = z.object({
  id: z.string(),
  type: z.enum(EVENT_TYPES),
  provider: providerSchema.nullable(),
  ref: z.string(),
  trigger: z.string(),
  status: z.enum(EVENT_STATUSES),
  subscriptionId: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  replayOf: z.string().nullable(),
  coalescedInto: z
    .string()
    .nullable()
    .describe("Set when another request's sync answered this one: the Event that did the work."),
});
export type EventView = z.infer<typeof eventViewSchema>;

export const eventPageSchema = pageSchema(eventViewSchema);

/** One Event in full: what was asked, what changed, what failed upstream, and how long it took. */
export const eventDetailViewSchema = eventViewSchema.extend({
  ownerId: z.string().nullable(),
  correlationId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  durationMs: z.number().nullable(),
  request: z
    .object({ topic: z.string(), data: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe('The sync.requested.v1 data that started it, or who logged in for a hot sync'),
  deadLetter: deadLetterProvenanceSchema.nullable(),
  replays: z.array(
    z.object({ id: z.string(), status: z.enum(EVENT_STATUSES), createdAt: z.string() }),
  ),
  replayable: z.object({ ok: z.boolean(), reason: z.string().nullable() }),
});
export type EventDetailView = z.infer<typeof eventDetailViewSchema>;

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
