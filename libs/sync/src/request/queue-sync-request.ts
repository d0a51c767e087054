import {
  type CalloutContext,
  createEnvelope,
  type Envelope,
  eventTypeOfTrigger,
  newPlatformId,
  type Provider,
  type SyncRequested,
  syncRequestOf,
  type SyncTrigger,
  Topics,
} from '@subsync/domain';
import type { QueuedSyncEvent, SyncStore } from '@subsync/persistence';

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
  /** The backfill job that asks for it. */
  backfillId?: string;
}

export interface QueuedSync {
  eventId: string;
  request: SyncRequested;
}

/**
 * Asks for a sync: a queued Event and the `sync.requested.v1` that names it, both written through
 * the store of the caller's unit of work, so the request exists exactly when the Event does. The
 * outbox relay publishes it once the unit of work commits.
 */
export async function queueSyncRequestIn(
  store: Pick<SyncStore, 'insertQueuedEvent' | 'enqueue'>,
  input: SyncRequestInput & { source: string; now: Date },
): Promise<QueuedSync> {
  const { event, request, message } = syncRequestRecords(input);
  await store.insertQueuedEvent(event);
  await store.enqueue(Topics.syncRequested, [message]);
  return { eventId: event.id, request };
}

/** The queued Event of a request and the `sync.requested.v1` that names it. */
export function syncRequestRecords(input: SyncRequestInput & { source: string; now: Date }): {
  event: QueuedSyncEvent;
  request: SyncRequested;
  message: Envelope<SyncRequested>;
} {
  const { event, request } = eventOfRequest(input);
  const message = createEnvelope({
    topic: Topics.syncRequested,
    source: input.source,
    correlationId: input.correlationId,
    now: input.now,
    data: request,
  });
  return { event, request, message };
}

export interface SkippedSyncRequestInput extends SyncRequestInput {
  now: Date;
  /** Why no sync runs, in words; the Event shows it. */
  reason: string;
  /** The platform subscription it was about, when the platform holds it. */
  subscriptionId: string | null;
  ownerId: string | null;
}

/**
 * Records a sync that was asked for and turned down at once (a Stripe webhook about a change
 * the platform made itself): a skipped Event with the reason and the request it would have
 * made, in the caller's unit of work. Nothing is queued.
 */
export async function recordSkippedSyncRequestIn(
  store: Pick<SyncStore, 'completeEvents'>,
  input: SkippedSyncRequestInput,
): Promise<string> {
  const { event } = eventOfRequest(input);
  await store.completeEvents([
    {
      event,
      result: {
        status: 'skipped',
        subscriptionId: input.subscriptionId,
        ownerId: input.ownerId,
        changes: [],
        reason: input.reason,
        errorCode: null,
        completedAt: input.now,
      },
    },
  ]);
  return event.id;
}

function eventOfRequest(input: SyncRequestInput & { now: Date }): {
  event: QueuedSyncEvent;
  request: SyncRequested;
} {
  const eventId = newPlatformId('event');
  const request: SyncRequested = {
    provider: input.provider,
    scope: input.scope ?? 'subscription',
    ref: input.ref,
    trigger: input.trigger,
    eventId,
    ...(input.callout === undefined ? {} : { callout: input.callout }),
  };
  const event: QueuedSyncEvent = {
    id: eventId,
    type: eventTypeOfTrigger(input.trigger),
    provider: input.provider,
    ref: input.ref,
    trigger: input.trigger,
    correlationId: input.correlationId,
    createdAt: input.now,
    request: syncRequestOf(request),
    replayOf: input.replayOf ?? null,
    backfillId: input.backfillId ?? null,
  };
  return { event, request };
}
