import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { type Envelope, type SyncRequested, Topics } from '@subsync/domain';
import { Clock, InboxTypeOrm, OutboxTypeOrm, recordSyncOutcome } from '@subsync/messaging';

/**
 * Stripe sync is not built yet. Requests for it are answered honestly as failed, so callers
 * get a clear 502 and an Event instead of waiting for an answer that never comes.
 */
@Controller()
export class SyncRequestedController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxTypeOrm,
    private readonly outbox: OutboxTypeOrm,
    private readonly clock: Clock,
  ) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() request: Envelope<SyncRequested>): Promise<void> {
    if (request.data.provider !== 'stripe') return;
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, request.id, Topics.syncRequested))) return;
      await recordSyncOutcome(manager, this.outbox, {
        request,
        eventType: 'sync',
        source: 'stripe-sync',
        now: this.clock.now(),
        outcome: {
          status: 'failed',
          subscriptionId: null,
          ownerId: null,
          error: {
            code: 'NOT_IMPLEMENTED',
            message: 'Stripe sync is not available in this release yet',
          },
        },
      });
    });
    this.outbox.notifyCommitted();
  }
}
