import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, OutboxTypeOrm } from '@subsync/messaging';
import { queueSyncRequest, type SyncRequestInput } from '@subsync/sync';
import {
  claimCalloutNotification,
  eventOfCalloutNotification,
} from './callout/callout-notifications';

export type { SyncRequestInput } from '@subsync/sync';

export interface RequestedSync {
  eventId: string;
  /** True when this was a retried callout: `eventId` is the first delivery's, nothing new was queued. */
  replayed: boolean;
}

/** Thrown inside the transaction to roll back the Event of a retried callout. */
class AlreadyClaimed extends Error {}

/**
 * Queues a sync (a queued Event and `sync.requested.v1`, in one transaction; the relay
 * publishes it). A callout's `Zuora-Notification-Id` is claimed in the same transaction, so a
 * retry (even one racing the first delivery) records nothing and is answered from the first
 * delivery's Event.
 */
@Injectable()
export class RequestSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
  ) {}

  async request(input: SyncRequestInput): Promise<RequestedSync> {
    const notificationId = input.callout?.notificationId;
    let eventId: string;
    try {
      eventId = await this.dataSource.transaction(async (manager) => {
        const queued = await queueSyncRequest(manager, this.outbox, {
          ...input,
          source: 'gateway',
          now: this.clock.now(),
        });
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
