import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { SyncUnitOfWork } from '@subsync/persistence';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { OutboxRelayKafkaJs } from '../outbox/outbox-relay-kafkajs';
import { OutboxTypeOrm } from '../outbox/outbox-typeorm';
import { SharedKafkaAdmin } from '../kafka/shared-kafka-admin';
import { KafkaNamespace } from '../kafka/kafka-namespace';
import { TopicProvisioner } from '../kafka/topic-provisioner';
import { Clock, SystemClock } from './clock';
import type { OverviewSampler } from './overview-sampler';

/** The infrastructure a service runs on, made once at bootstrap and shared through DI. */
export interface ServiceRuntime {
  name: string;
  dataSource: DataSource;
  kafka: Kafka;
  /** One admin connection for health checks and lag readings. */
  admin: SharedKafkaAdmin;
  /** KAFKA_TOPIC_PREFIX: where this deployment's topics and groups are on the broker. */
  namespace: KafkaNamespace;
  topics: TopicProvisioner;
  inbox: InboxTypeOrm;
  outbox: OutboxTypeOrm;
  /** The sync store on this runtime's database, inbox and outbox. */
  unitOfWork: SyncUnitOfWork;
  relay: OutboxRelayKafkaJs;
  /** Stores the overview metrics' samples in PostgreSQL (the console's charts). */
  sampler: OverviewSampler;
}

export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');

/** Stops the relay and closes the pool only after the Kafka server has finished its messages. */
@Injectable()
class RuntimeShutdown implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.sampler.stop();
    await this.runtime.relay.stop();
    await this.runtime.admin.close();
    await this.runtime.dataSource.destroy();
  }
}

@Global()
@Module({})
export class ServiceRuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: ServiceRuntimeModule,
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: Kafka, useValue: runtime.kafka },
        { provide: SharedKafkaAdmin, useValue: runtime.admin },
        { provide: KafkaNamespace, useValue: runtime.namespace },
        { provide: TopicProvisioner, useValue: runtime.topics },
        { provide: InboxTypeOrm, useValue: runtime.inbox },
        { provide: OutboxTypeOrm, useValue: runtime.outbox },
        { provide: SyncUnitOfWork, useValue: runtime.unitOfWork },
        { provide: Clock, useClass: SystemClock },
        RuntimeShutdown,
      ],
      exports: [
        SERVICE_RUNTIME,
        DataSource,
        Kafka,
        SharedKafkaAdmin,
        KafkaNamespace,
        TopicProvisioner,
        InboxTypeOrm,
        OutboxTypeOrm,
        SyncUnitOfWork,
        Clock,
      ],
    };
  }
}
