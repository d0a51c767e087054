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
import type { QueuedSyncEvent, SyncEventResult, SyncStore } from '@subsync/persistence';

/** The requests one sync answered, oldest first (the first one's Event did the work), and how it ended. */
export interface AnsweredRequests {
  requests: readonly Envelope<SyncRequested>[];
  outcome: SyncOutcome;
  /** The service reporting the outcome (the envelope's `source`). */
  source: string;
}

/** The Event a request completes: the one the gateway queued, or a new one for a request published directly. */
export function eventIdOf(request: Envelope<SyncRequested>): string {
  return request.data.eventId ?? newPlatformId('event');
}

/**
 * Closes the Events of the requests that syncs answered and queues a `sync.completed.v1` for
 * each, carrying its request's correlation id, in the caller's transaction: two statements for
 * any number of syncs. In each sync, the first request's Event holds the changes; the others are
 * marked as coalesced into it.
 */
export async function recordSyncOutcomes(
  store: Pick<SyncStore, 'completeEvents' | 'enqueue'>,
  answered: readonly AnsweredRequests[],
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  const completions = answered.flatMap(({ requests, outcome, source }) => {
    // Two requests naming one Event (a duplicate publish) complete it once.
    const entries = requests
      .map((request) => ({ request, eventId: eventIdOf(request) }))
      .filter(({ eventId }) => !seen.has(eventId) && seen.add(eventId));
    const leader = entries[0]?.eventId ?? null;
    return entries.map((entry) => ({ ...entry, outcome, source, leader }));
  });
  if (completions.length === 0) return;

  await store.completeEvents(
    completions.map(({ request, eventId, outcome, leader }) => {
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
        changes: eventId === leader && outcome.status === 'succeeded' ? outcome.changes : [],
        reason: reasonOf(outcome),
        errorCode: outcome.status === 'failed' ? outcome.error.code : null,
        completedAt: now,
        coalescedInto: eventId === leader ? null : leader,
      };
      return { event, result };
    }),
  );
  await store.enqueue(
    Topics.syncCompleted,
    completions.map(({ request, eventId, outcome, source, leader }) => {
      const reason = reasonOf(outcome);
      return createEnvelope({
        topic: Topics.syncCompleted,
        source,
        correlationId: request.correlationId,
        now,
        data: {
          provider: request.data.provider,
          ref: request.data.ref,
          status: outcome.status,
          subscriptionId: outcome.subscriptionId,
          ownerId: outcome.ownerId,
          eventId,
          changes: eventId === leader && outcome.status === 'succeeded' ? outcome.changes : [],
          ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
          ...(reason === null ? {} : { reason }),
          ...(eventId === leader || leader === null ? {} : { coalescedInto: leader }),
        },
      });
    }),
  );
}
