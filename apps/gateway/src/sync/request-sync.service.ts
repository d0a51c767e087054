import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
import { Clock, OutboxTypeOrm } from '@subsync/messaging';
import { insertQueuedEvent } from '@subsync/persistence';
import {
  claimCalloutNotification,
  eventOfCalloutNotification,
} from './callout/callout-notifications';

export interface SyncRequestInput {
  provider: Provider;
  ref: string;
  trigger: SyncTrigger;
  correlationId: string;
  /** What a Zuora callout said; its notification id makes a retry answer from the first delivery. */
  callout?: CalloutContext;
  /** Defaults to one subscription; a replayed hot sync covers a whole account. */
  scope?: SyncRequested['scope'];
  /** The failed Event this request replays. */
  replayOf?: string;
}

export interface RequestedSync {
  eventId: string;
  /** True when this was a retried callout: `eventId` is the first delivery's, nothing new was queued. */
  replayed: boolean;
}

/** Thrown inside the transaction to roll back the Event of a retried callout. */
class AlreadyClaimed extends Error {}

/**
 * Records a queued Event and `sync.requested.v1` in one transaction; the relay publishes it.
 * A callout's `Zuora-Notification-Id` is claimed in the same transaction, so a retry (even one
 * racing the first delivery) records nothing and is answered from the first delivery's Event.
 */
@Injectable()
export class RequestSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
  ) {}

  async request(input: SyncRequestInput): Promise<RequestedSync> {
    const eventId = newPlatformId('event');
    const now = this.clock.now();
    const notificationId = input.callout?.notificationId;
    const data: SyncRequested = {
      provider: input.provider,
      scope: input.scope ?? 'subscription',
      ref: input.ref,
      trigger: input.trigger,
      eventId,
      ...(input.callout === undefined ? {} : { callout: input.callout }),
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        await insertQueuedEvent(manager, {
          id: eventId,
          type: eventTypeOfTrigger(input.trigger),
          provider: input.provider,
          ref: input.ref,
          trigger: input.trigger,
          correlationId: input.correlationId,
          createdAt: now,
          request: syncRequestOf(data),
          replayOf: input.replayOf ?? null,
        });
        if (
          notificationId !== undefined &&
          !(await claimCalloutNotification(manager, notificationId, eventId))
        ) {
          throw new AlreadyClaimed();
        }
        await this.outbox.enqueue(
          manager,
          Topics.syncRequested,
          createEnvelope({
            topic: Topics.syncRequested,
            source: 'gateway',
            correlationId: input.correlationId,
            now,
            data,
          }),
        );
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
