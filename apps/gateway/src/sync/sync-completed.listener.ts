import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type SyncCompleted, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncCompletionWaiter } from './sync-completion.waiter';

@Controller()
export class SyncCompletedListener {
  constructor(private readonly waiter: SyncCompletionWaiter) {}

  @EventPattern(Topics.syncCompleted)
  onSyncCompleted(@Payload() group: MessageGroup<SyncCompleted>): void {
    for (const { envelope } of group.messages) this.waiter.complete(envelope.data);
  }
}
