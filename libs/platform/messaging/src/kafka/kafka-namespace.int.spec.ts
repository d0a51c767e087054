import { Controller, type INestMicroservice, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { createEnvelope, type SyncRequested, Topics } from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { eventually } from '../../test/eventually';
import { PassThroughRpcFilter } from '../nest/pass-through-rpc.filter';
import type { MessageGroup } from './inbound-message';
import { KafkaNamespace } from './kafka-namespace';
import { KafkaSyncServer } from './kafka-sync.server';
import { TopicProvisioner } from './topic-provisioner';

// Two deployments on one broker, as two e2e suites are: the same service (the same logical
// group and topics), each under its own KAFKA_TOPIC_PREFIX.
const run = globalThis.crypto.randomUUID().slice(0, 8);
const blue = new KafkaNamespace(`ns-int-${run}-blue.`);
const green = new KafkaNamespace(`ns-int-${run}-green.`);
const GROUP = `subsync.namespace-int-${run}`;
// One key: the two requests below share a partition, so a consumer that reads them both reads
// the one left behind first.
const KEY = `zuora:A-S${run}`;

/** A service whose sync.requested.v1 handler writes down the refs it is given. */
function recordingService(handled: string[]): Type {
  @Controller()
  class RecordingController {
    @EventPattern(Topics.syncRequested)
    onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): void {
      handled.push(...group.messages.map(({ envelope }) => envelope.data.ref));
    }
  }
  @Module({ controllers: [RecordingController] })
  class RecordingModule {}
  return RecordingModule;
}

describe('deployments under different KAFKA_TOPIC_PREFIX values on one broker', () => {
  const kafka = new Kafka({
    clientId: 'namespace-int',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  const apps: INestMicroservice[] = [];

  beforeAll(async () => {
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
    await producer.disconnect();
  });

  async function startService(namespace: KafkaNamespace, handled: string[]): Promise<void> {
    const app = await NestFactory.createMicroservice(recordingService(handled), {
      strategy: new KafkaSyncServer({
        kafka,
        namespace,
        topics: new TopicProvisioner(kafka, 3, namespace),
        groupId: GROUP,
        sessionTimeoutMs: 10_000,
      }),
      logger: false,
    });
    app.useGlobalFilters(new PassThroughRpcFilter());
    apps.push(app);
    await app.listen();
  }

  async function requestSync(namespace: KafkaNamespace, ref: string): Promise<void> {
    const envelope = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'namespace-int',
      now: new Date(),
      data: { provider: 'zuora', scope: 'subscription', ref, trigger: 'upstream' },
    });
    await producer.send({
      topic: namespace.topic(Topics.syncRequested),
      acks: -1,
      messages: [{ key: KEY, value: JSON.stringify(envelope) }],
    });
  }

  it("leaves a request another deployment left unconsumed to that deployment's own service", async () => {
    // Blue's suite published a request and stopped before its service consumed it.
    await new TopicProvisioner(kafka, 3, blue).ensure([Topics.syncRequested]);
    await requestSync(blue, `left-by-blue-${run}`);

    // Green's service starts (same group, from the beginning) and gets a request of its own.
    const greenHandled: string[] = [];
    await startService(green, greenHandled);
    await requestSync(green, `for-green-${run}`);
    await eventually(() => expect(greenHandled).toContain(`for-green-${run}`));
    expect(greenHandled).toEqual([`for-green-${run}`]);

    // Blue's own service still finds its request, and nothing of green's.
    const blueHandled: string[] = [];
    await startService(blue, blueHandled);
    await eventually(() => expect(blueHandled).toContain(`left-by-blue-${run}`));
    expect(blueHandled).toEqual([`left-by-blue-${run}`]);
    expect(greenHandled).toEqual([`for-green-${run}`]);
  });
});
