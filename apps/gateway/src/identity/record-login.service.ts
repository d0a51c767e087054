import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEnvelope, type IdentityLogin, Topics } from '@subsync/domain';
import { OutboxTypeOrm } from '@subsync/messaging';

/** Records `identity.login.v1` in the outbox; the relay publishes it to Kafka. */
@Injectable()
export class RecordLoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
  ) {}

  async record(login: IdentityLogin, correlationId: string, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.outbox.enqueue(
        manager,
        Topics.identityLogin,
        createEnvelope({
          topic: Topics.identityLogin,
          source: 'gateway',
          correlationId,
          now,
          data: login,
        }),
      );
    });
    this.outbox.notifyCommitted();
  }
}
