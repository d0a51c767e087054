import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type SyncRequested, Topics } from '@subsync/domain';
import { SyncZuoraAccountService } from '../sync-account/sync-zuora-account.service';
import { SyncZuoraSubscriptionService } from './sync-zuora-subscription.service';

@Controller()
export class SyncRequestedController {
  constructor(
    private readonly subscriptions: SyncZuoraSubscriptionService,
    private readonly accounts: SyncZuoraAccountService,
  ) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() request: Envelope<SyncRequested>): Promise<void> {
    if (request.data.provider !== 'zuora') return;
    if (request.data.scope === 'account') await this.accounts.execute(request);
    else await this.subscriptions.execute(request);
  }
}
