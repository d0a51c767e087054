import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type SyncRequested, Topics } from '@subsync/domain';
import { SyncZuoraSubscriptionService } from './sync-zuora-subscription.service';

@Controller()
export class SyncRequestedController {
  constructor(private readonly sync: SyncZuoraSubscriptionService) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() request: Envelope<SyncRequested>): Promise<void> {
    if (request.data.provider !== 'zuora') return;
    await this.sync.execute(request);
  }
}
