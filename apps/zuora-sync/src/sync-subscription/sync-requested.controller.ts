import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncRunner } from '@subsync/sync';
import { SyncZuoraAccountService } from '../sync-account/sync-zuora-account.service';
import { SyncZuoraSubscriptionService } from './sync-zuora-subscription.service';

/** The Zuora sync requests that waited for one subscription (or account), however they name it. */
@Controller()
export class SyncRequestedController {
  constructor(
    private readonly runner: SyncRunner,
    private readonly subscriptions: SyncZuoraSubscriptionService,
    private readonly accounts: SyncZuoraAccountService,
  ) {}

  @EventPattern(Topics.syncRequested)
  onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): Promise<void> {
    return this.runner.run(group, (request) => {
      if (request.provider !== 'zuora') return null;
      return request.scope === 'account' ? this.accounts : this.subscriptions;
    });
  }
}
