import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncStripeSubscriptionService } from './sync-stripe-subscription.service';

@Controller()
export class SyncRequestedController {
  constructor(private readonly sync: SyncStripeSubscriptionService) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): Promise<void> {
    for (const { envelope: request } of group.messages) {
      if (request.data.provider === 'stripe') await this.sync.execute(request);
    }
  }
}
