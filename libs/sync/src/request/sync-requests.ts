import type { SyncUnitOfWork } from '@subsync/persistence';
import { queueSyncRequestIn, type SyncRequestInput } from './queue-sync-request';

export interface RequestedSync {
  eventId: string;
  /** True when this was a retried callout: `eventId` is the first delivery's, nothing new was queued. */
  replayed: boolean;
}

/** Asks for a sync on behalf of a caller that holds no transaction of its own (the gateway). */
export interface SyncRequests {
  request(input: SyncRequestInput & { source: string; now: Date }): Promise<RequestedSync>;
}

/** Thrown inside the transaction to roll back the Event of a retried callout. */
class AlreadyClaimed extends Error {}

/**
 * Queues a sync (a queued Event and `sync.requested.v1`, in one transaction; the relay
 * publishes it). A callout's `Zuora-Notification-Id` is claimed in the same transaction, so a
 * retry (even one racing the first delivery) records nothing and is answered from the first
 * delivery's Event.
 */
export class SyncRequestsInUnitOfWork implements SyncRequests {
  constructor(private readonly unitOfWork: SyncUnitOfWork) {}

  async request(input: SyncRequestInput & { source: string; now: Date }): Promise<RequestedSync> {
    const notificationId = input.callout?.notificationId;
    let eventId: string;
    try {
      eventId = await this.unitOfWork.run(async (store) => {
        const queued = await queueSyncRequestIn(store, input);
        if (
          notificationId !== undefined &&
          !(await store.claimCalloutNotification(notificationId, queued.eventId))
        ) {
          throw new AlreadyClaimed();
        }
        return queued.eventId;
      });
    } catch (error) {
      if (!(error instanceof AlreadyClaimed) || notificationId === undefined) throw error;
      return {
        eventId: await this.unitOfWork.reads.eventOfCalloutNotification(notificationId),
        replayed: true,
      };
    }
    // The unit of work has told the outbox relay.
    return { eventId, replayed: false };
  }
}
