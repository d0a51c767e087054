import type { SyncUnitOfWork } from '@subsync/persistence';
import { Topics } from '@subsync/domain';
import {
  queueSyncRequestIn,
  type SyncRequestInput,
  syncRequestRecords,
} from './queue-sync-request';

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
 * Queues a sync (a queued Event and `sync.requested.v1`, committed together; the relay
 * publishes it). A callout's `Zuora-Notification-Id` is claimed in the same transaction, so a
 * retry (even one racing the first delivery) records nothing and is answered from the first
 * delivery's Event.
 */
export class SyncRequestsInUnitOfWork implements SyncRequests {
  constructor(private readonly unitOfWork: SyncUnitOfWork) {}

  async request(input: SyncRequestInput & { source: string; now: Date }): Promise<RequestedSync> {
    const notificationId = input.callout?.notificationId;
    if (notificationId === undefined) {
      // Nothing to claim: the Event and the message, in the cheapest unit of work there is.
      const { event, message } = syncRequestRecords(input);
      await this.unitOfWork.queue(event, Topics.syncRequested, [message]);
      return { eventId: event.id, replayed: false };
    }
    let eventId: string;
    try {
      eventId = await this.unitOfWork.run(async (store) => {
        const queued = await queueSyncRequestIn(store, input);
        if (!(await store.claimCalloutNotification(notificationId, queued.eventId))) {
          throw new AlreadyClaimed();
        }
        return queued.eventId;
      });
    } catch (error) {
      if (!(error instanceof AlreadyClaimed)) throw error;
      return {
        eventId: await this.unitOfWork.reads.eventOfCalloutNotification(notificationId),
        replayed: true,
      };
    }
    // The unit of work has told the outbox relay.
    return { eventId, replayed: false };
  }
}
