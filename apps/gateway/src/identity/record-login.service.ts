import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, type IdentityLogin, Topics } from '@subsync/domain';
import { MESSAGE_RECORDER, type MessageRecorder } from '@subsync/messaging';

/** Records `identity.login.v1` in the outbox; the relay publishes it to Kafka. */
@Injectable()
export class RecordLoginService {
  constructor(@Inject(MESSAGE_RECORDER) private readonly messages: MessageRecorder) {}

  async record(login: IdentityLogin, correlationId: string, now: Date): Promise<void> {
    await this.messages.record(
      Topics.identityLogin,
      createEnvelope({
        topic: Topics.identityLogin,
        source: 'gateway',
        correlationId,
        now,
        data: login,
      }),
    );
  }
}
