import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type SyncRequested, Topics } from '@subsync/domain';
import { SyncStripeSubscriptionService } from './sync-stripe-subscription.service';

@Controller()
export class SyncRequestedController {
  constructor(private readonly sync: SyncStripeSubscriptionService) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() request: Envelope<SyncRequested>): Promise<void> {
    if (request.data.provider !== 'stripe') return;
    await this.sync.execute(request);
  }
}
