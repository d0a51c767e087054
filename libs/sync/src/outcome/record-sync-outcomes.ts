import type { EntityManager } from 'typeorm';
import {
  createEnvelope,
  type Envelope,
  eventTypeOfTrigger,
  newPlatformId,
  reasonOf,
  type SyncOutcome,
  type SyncRequested,
  syncRequestOf,
  Topics,
} from '@subsync/domain';
import type { OutboxTypeOrm } from '@subsync/messaging';
import { completeEvents, type QueuedSyncEvent, type SyncEventResult } from '@subsync/persistence';

export interface RecordOutcomesInput {
  /** The requests one sync answered, oldest first; the first one's Event did the work. */
  requests: readonly Envelope<SyncRequested>[];
  outcome: SyncOutcome;
  /** The service reporting the outcome (the envelope's `source`). */
  source: string;
  now: Date;
}

/** The Event a request completes: the one the gateway queued, or a new one for a request published directly. */
export function eventIdOf(request: Envelope<SyncRequested>): string {
  return request.data.eventId ?? newPlatformId('event');
}

/**
 * Closes the Events of the requests one sync answered and queues a `sync.completed.v1` for each,
 * carrying its request's correlation id, in the caller's transaction. The first request's Event
 * holds the changes; the others are marked as coalesced into it. Returns the Event ids.
 */
export async function recordSyncOutcomes(
  manager: EntityManager,
  outbox: OutboxTypeOrm,
  input: RecordOutcomesInput,
): Promise<string[]> {
  const { requests, outcome, now } = input;
  const seen = new Set<string>();
  // Two requests naming one Event (a duplicate publish) complete it once.
  const entries = requests
    .map((request) => ({ request, eventId: eventIdOf(request) }))
    .filter(({ eventId }) => !seen.has(eventId) && seen.add(eventId));
  const leader = entries[0]?.eventId ?? null;
  const reason = reasonOf(outcome);
  const errorCode = outcome.status === 'failed' ? outcome.error.code : null;
  const changes = outcome.status === 'succeeded' ? outcome.changes : [];

  await completeEvents(
    manager,
    entries.map(({ request, eventId }) => {
      const event: QueuedSyncEvent = {
        id: eventId,
        type: eventTypeOfTrigger(request.data.trigger),
        provider: request.data.provider,
        ref: request.data.ref,
        trigger: request.data.trigger,
        correlationId: request.correlationId,
        createdAt: new Date(request.occurredAt),
        request: syncRequestOf(request.data),
      };
      const result: SyncEventResult = {
        status: outcome.status,
        subscriptionId: outcome.subscriptionId,
        ownerId: outcome.ownerId,
        changes: eventId === leader ? changes : [],
        reason,
        errorCode,
        completedAt: now,
        coalescedInto: eventId === leader ? null : leader,
      };
      return { event, result };
    }),
  );
  await outbox.enqueueAll(
    manager,
    Topics.syncCompleted,
    entries.map(({ request, eventId }) =>
      createEnvelope({
        topic: Topics.syncCompleted,
        source: input.source,
        correlationId: request.correlationId,
        now,
        data: {
          provider: request.data.provider,
          ref: request.data.ref,
          status: outcome.status,
          subscriptionId: outcome.subscriptionId,
          ownerId: outcome.ownerId,
          eventId,
          changes: eventId === leader ? changes : [],
          ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
          ...(reason === null ? {} : { reason }),
          ...(eventId === leader || leader === null ? {} : { coalescedInto: leader }),
        },
      }),
    ),
  );
  return entries.map(({ eventId }) => eventId);
}
