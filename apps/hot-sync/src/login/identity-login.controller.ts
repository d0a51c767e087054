import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type IdentityLogin, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { HotSyncLoginService } from './hot-sync-login.service';

/** Logins from the gateway's intake and from upstream systems (an IdP hook) alike. */
@Controller()
export class IdentityLoginController {
  constructor(private readonly hotSync: HotSyncLoginService) {}

  @EventPattern(Topics.identityLogin)
  async onLogin(@Payload() group: MessageGroup<IdentityLogin>): Promise<void> {
    for (const { envelope } of group.messages) await this.hotSync.handle(envelope);
  }
}
