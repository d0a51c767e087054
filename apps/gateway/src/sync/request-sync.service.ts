import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  createEnvelope,
  newPlatformId,
  type Provider,
  type SyncTrigger,
  Topics,
} from '@subsync/domain';
import { Clock, OutboxTypeOrm } from '@subsync/messaging';
import { insertQueuedEvent } from '@subsync/persistence';

export interface SyncRequestInput {
  provider: Provider;
  ref: string;
  trigger: SyncTrigger;
  correlationId: string;
}

/** Records a queued Event and `sync.requested.v1` in one transaction; the relay publishes it. */
@Injectable()
export class RequestSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
  ) {}

  async request(input: SyncRequestInput): Promise<string> {
    const eventId = newPlatformId('event');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await insertQueuedEvent(manager, {
        id: eventId,
        type: 'sync',
        provider: input.provider,
        ref: input.ref,
        trigger: input.trigger,
        correlationId: input.correlationId,
        createdAt: now,
      });
      await this.outbox.enqueue(
        manager,
        Topics.syncRequested,
        createEnvelope({
          topic: Topics.syncRequested,
          source: 'gateway',
          correlationId: input.correlationId,
          now,
          data: {
            provider: input.provider,
            scope: 'subscription',
            ref: input.ref,
            trigger: input.trigger,
            eventId,
          },
        }),
      );
    });
    this.outbox.notifyCommitted();
    return eventId;
  }
}
