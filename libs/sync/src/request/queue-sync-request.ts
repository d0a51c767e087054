import type { EntityManager } from 'typeorm';
import {
  type CalloutContext,
  createEnvelope,
  eventTypeOfTrigger,
  newPlatformId,
  type Provider,
  type SyncRequested,
  syncRequestOf,
  type SyncTrigger,
  Topics,
} from '@subsync/domain';
import type { OutboxTypeOrm } from '@subsync/messaging';
import { insertQueuedEvent } from '@subsync/persistence';

export interface SyncRequestInput {
  provider: Provider;
  ref: string;
  trigger: SyncTrigger;
  correlationId: string;
  /** Defaults to one subscription; hot sync asks for a whole account. */
  scope?: SyncRequested['scope'];
  /** What a Zuora callout said; zuora-sync skips an order the platform started itself. */
  callout?: CalloutContext;
  /** The failed Event this request replays. */
  replayOf?: string;
}

export interface QueuedSync {
  eventId: string;
  request: SyncRequested;
}

/**
 * Asks for a sync: a queued Event and the `sync.requested.v1` that names it, both written in the
 * caller's transaction, so the request exists exactly when the Event does. The outbox relay
 * publishes it once the transaction commits (call `outbox.notifyCommitted()` then).
 */
export async function queueSyncRequest(
  manager: EntityManager,
  outbox: OutboxTypeOrm,
  input: SyncRequestInput & { source: string; now: Date },
): Promise<QueuedSync> {
  const eventId = newPlatformId('event');
  const request: SyncRequested = {
    provider: input.provider,
    scope: input.scope ?? 'subscription',
    ref: input.ref,
    trigger: input.trigger,
    eventId,
    ...(input.callout === undefined ? {} : { callout: input.callout }),
  };
  await insertQueuedEvent(manager, {
    id: eventId,
    type: eventTypeOfTrigger(input.trigger),
    provider: input.provider,
    ref: input.ref,
    trigger: input.trigger,
    correlationId: input.correlationId,
    createdAt: input.now,
    request: syncRequestOf(request),
    replayOf: input.replayOf ?? null,
  });
  await outbox.enqueue(
    manager,
    Topics.syncRequested,
    createEnvelope({
      topic: Topics.syncRequested,
      source: input.source,
      correlationId: input.correlationId,
      now: input.now,
      data: request,
    }),
  );
  return { eventId, request };
}
