import { Logger } from '@nestjs/common';
import { createDataSource, runMigrations, SyncUnitOfWorkTypeOrm } from '@subsync/persistence';
import type { InfraConfig } from '@subsync/config';
import { labelMetricsWithService } from '@subsync/metrics';
import { InboxTypeOrm } from '../inbox/inbox-typeorm';
import { createKafka } from '../kafka/kafka-client.factory';
import { SharedKafkaAdmin } from '../kafka/shared-kafka-admin';
import { KafkaNamespace } from '../kafka/kafka-namespace';
import { TopicProvisioner } from '../kafka/topic-provisioner';
import { OutboxRelayKafkaJs } from '../outbox/outbox-relay-kafkajs';
import { OutboxTypeOrm } from '../outbox/outbox-typeorm';
import { OverviewSampler } from './overview-sampler';
import type { ServiceRuntime } from './service-runtime.module';

/**
 * Connects to PostgreSQL, applies pending migrations, and wires the outbox to its relay; the
 * process's metrics are labelled with the service's name from here on, and sampled for the
 * console's overview.
 */
export async function createServiceRuntime(
  name: string,
  infra: InfraConfig,
): Promise<ServiceRuntime> {
  const logger = new Logger(name);
  labelMetricsWithService(name);
  const dataSource = createDataSource(infra.databaseUrl, name, {
    preparedStatements: infra.databasePreparedStatements,
  });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource);
  if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
  const kafka = createKafka(infra.kafkaBrokers, name);
  const namespace = new KafkaNamespace(infra.kafkaTopicPrefix);
  const topics = new TopicProvisioner(kafka, infra.kafkaPartitions, namespace);
  const inbox = new InboxTypeOrm(name);
  const outbox = new OutboxTypeOrm(name);
  const relay = new OutboxRelayKafkaJs(dataSource, kafka, { producer: name, namespace, topics });
  outbox.onCommitted((messages) => relay.wake(messages));
  const sampler = new OverviewSampler(dataSource, {
    service: name,
    intervalMs: infra.metricsSampleIntervalMs,
  });
  sampler.start();
  return {
    name,
    dataSource,
    kafka,
    admin: new SharedKafkaAdmin(kafka),
    namespace,
    topics,
    inbox,
    outbox,
    unitOfWork: new SyncUnitOfWorkTypeOrm(dataSource, inbox, outbox),
    relay,
    sampler,
  };
}
