import type { EntityManager } from 'typeorm';
import {
  createEnvelope,
  type Envelope,
  type FieldChange,
  newPlatformId,
  type SyncRequested,
  syncRequestOf,
  Topics,
} from '@subsync/domain';
import { completeEvent, type QueuedSyncEvent } from '@subsync/persistence';
import type { OutboxTypeOrm } from '../outbox/outbox-typeorm';

export type SyncOutcome =
  | {
      status: 'succeeded';
      /** Null for an account-scoped sync, which covers any number of subscriptions. */
      subscriptionId: string | null;
      ownerId: string;
      changes: FieldChange[];
    }
  | {
      status: 'failed';
      subscriptionId: string | null;
      ownerId: string | null;
      error: { code: string; message: string };
    }
  | { status: 'skipped'; subscriptionId: string | null; ownerId: string | null; reason: string };

export interface RecordOutcomeInput {
  request: Envelope<SyncRequested>;
  eventType: QueuedSyncEvent['type'];
  /** The service reporting the outcome (the envelope's `source`). */
  source: string;
  now: Date;
  outcome: SyncOutcome;
}

/**
 * Closes a sync: the Event gets its final status, changes and reason, and `sync.completed.v1`
 * goes to the outbox carrying the request's correlation id; both in the caller's transaction.
 * Returns the event id.
 */
export async function recordSyncOutcome(
  manager: EntityManager,
  outbox: OutboxTypeOrm,
  input: RecordOutcomeInput,
): Promise<string> {
  const { request, outcome, now } = input;
  const event: QueuedSyncEvent = {
    id: request.data.eventId ?? newPlatformId('event'),
    type: input.eventType,
    provider: request.data.provider,
    ref: request.data.ref,
    trigger: request.data.trigger,
    correlationId: request.correlationId,
    createdAt: new Date(request.occurredAt),
    request: syncRequestOf(request.data),
  };
  const changes = outcome.status === 'succeeded' ? outcome.changes : [];
  const reason =
    outcome.status === 'failed'
      ? outcome.error.message
      : outcome.status === 'skipped'
        ? outcome.reason
        : null;
  await completeEvent(manager, event, {
    status: outcome.status,
    subscriptionId: outcome.subscriptionId,
    ownerId: outcome.ownerId,
    changes,
    reason,
    errorCode: outcome.status === 'failed' ? outcome.error.code : null,
    completedAt: now,
  });
  await outbox.enqueue(
    manager,
    Topics.syncCompleted,
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
        eventId: event.id,
        changes,
        ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
      },
    }),
  );
  return event.id;
}
