import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type SyncCompleted, Topics } from '@subsync/domain';
import { SyncCompletionWaiter } from './sync-completion.waiter';

@Controller()
export class SyncCompletedListener {
  constructor(private readonly waiter: SyncCompletionWaiter) {}

  @EventPattern(Topics.syncCompleted)
  onSyncCompleted(@Payload() message: Envelope<SyncCompleted>): void {
    this.waiter.complete(message.data);
  }
}
