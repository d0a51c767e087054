import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type IdentityLogin, Topics } from '@subsync/domain';
import { HotSyncLoginService } from './hot-sync-login.service';

/** Logins from the gateway's intake and from upstream systems (an IdP hook) alike. */
@Controller()
export class IdentityLoginController {
  constructor(private readonly hotSync: HotSyncLoginService) {}

  @EventPattern(Topics.identityLogin)
  async onLogin(@Payload() login: Envelope<IdentityLogin>): Promise<void> {
    await this.hotSync.handle(login);
  }
}
