import type { DataSource } from 'typeorm';
import type { OutboxTypeOrm } from '@subsync/messaging';
import { claimCalloutNotification, eventOfCalloutNotification } from '@subsync/persistence';
import { queueSyncRequest, type SyncRequestInput } from './queue-sync-request';

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
export class SyncRequestsTypeOrm implements SyncRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
  ) {}

  async request(input: SyncRequestInput & { source: string; now: Date }): Promise<RequestedSync> {
    const notificationId = input.callout?.notificationId;
    let eventId: string;
    try {
      eventId = await this.dataSource.transaction(async (manager) => {
        const queued = await queueSyncRequest(manager, this.outbox, input);
        if (
          notificationId !== undefined &&
          !(await claimCalloutNotification(manager, notificationId, queued.eventId))
        ) {
          throw new AlreadyClaimed();
        }
        return queued.eventId;
      });
    } catch (error) {
      if (!(error instanceof AlreadyClaimed) || notificationId === undefined) throw error;
      return {
        eventId: await eventOfCalloutNotification(this.dataSource.manager, notificationId),
        replayed: true,
      };
    }
    this.outbox.notifyCommitted();
    return { eventId, replayed: false };
  }
}
