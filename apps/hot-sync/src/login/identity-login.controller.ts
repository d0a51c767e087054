import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type Envelope, type IdentityLogin, Topics } from '@subsync/domain';

/** Hot sync at login is not built yet: logins are consumed (validated, or dead-lettered) and logged. */
@Controller()
export class IdentityLoginController {
  private readonly logger = new Logger(IdentityLoginController.name);

  @EventPattern(Topics.identityLogin)
  onLogin(@Payload() login: Envelope<IdentityLogin>): void {
    this.logger.log(
      `login of ${login.data.issuer}:${login.data.subject} seen; hot sync is not available yet`,
    );
  }
}
