import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncZuoraAccountService } from '../sync-account/sync-zuora-account.service';
import { SyncZuoraSubscriptionService } from './sync-zuora-subscription.service';

@Controller()
export class SyncRequestedController {
  constructor(
    private readonly subscriptions: SyncZuoraSubscriptionService,
    private readonly accounts: SyncZuoraAccountService,
  ) {}

  @EventPattern(Topics.syncRequested)
  async onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): Promise<void> {
    for (const { envelope: request } of group.messages) {
      if (request.data.provider !== 'zuora') continue;
      if (request.data.scope === 'account') await this.accounts.execute(request);
      else await this.subscriptions.execute(request);
    }
  }
}
