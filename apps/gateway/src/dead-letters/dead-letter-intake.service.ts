import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DeadLetterIntakeKafkaJs, SERVICE_RUNTIME, type ServiceRuntime } from '@subsync/messaging';
import { keepTrying } from '../runtime/keep-trying';

/**
 * Runs the dead-letter intake with the gateway, which serves the Events log and replays: every
 * `*.dlt` record becomes a failed Event an operator can see there. It starts in the background:
 * joining its consumer group can take a session timeout after a crash, and HTTP must not wait.
 */
@Injectable()
export class DeadLetterIntakeService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadLetterIntakeService.name);
  private readonly intake: DeadLetterIntakeKafkaJs;
  private readonly starting = new AbortController();
  private started?: Promise<void>;

  // The runtime's own connections: the intake records into the Events log through its outbox.
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    const { kafka, namespace, topics, dataSource, outbox } = runtime;
    this.intake = new DeadLetterIntakeKafkaJs({
      kafka,
      namespace,
      topics,
      dataSource,
      outbox,
      source: 'gateway',
    });
  }

  onApplicationBootstrap(): void {
    this.started = keepTrying(
      () => this.intake.start(),
      this.starting.signal,
      (error) => this.logger.warn(`dead-letter intake not started yet, retrying: ${error}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.starting.abort();
    await this.started;
    await this.intake.stop();
  }
}
