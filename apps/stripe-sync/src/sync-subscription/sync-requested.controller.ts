import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncRunner } from '@subsync/sync';
import { SyncStripeSubscriptionService } from './sync-stripe-subscription.service';

/** The Stripe sync requests that waited for one subscription, however they name it. */
@Controller()
export class SyncRequestedController {
  constructor(
    private readonly runner: SyncRunner,
    private readonly subscriptions: SyncStripeSubscriptionService,
  ) {}

  @EventPattern(Topics.syncRequested)
  onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): Promise<void> {
    return this.runner.run(group, (request) =>
      request.provider === 'stripe' ? this.subscriptions : null,
    );
  }
}
