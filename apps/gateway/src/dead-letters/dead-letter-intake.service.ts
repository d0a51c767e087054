import {
  type BeforeApplicationShutdown,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DeadLetterIntakeKafkaJs, OutboxTypeOrm } from '@subsync/messaging';

/**
 * Runs the dead-letter intake with the gateway, which serves the Events log and replays: every
 * `*.dlt` record becomes a failed Event an operator can see there.
 */
@Injectable()
export class DeadLetterIntakeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly intake: DeadLetterIntakeKafkaJs;

  constructor(kafka: Kafka, dataSource: DataSource, outbox: OutboxTypeOrm) {
    this.intake = new DeadLetterIntakeKafkaJs({ kafka, dataSource, outbox, source: 'gateway' });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.intake.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.intake.stop();
  }
}
