import { Controller, type INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { createEnvelope, deadLetterTopic, type SyncRequested, Topics } from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { eventually } from '../../test/eventually';
import { collectMessages, header } from '../../test/kafka-probe';
import { PermanentMessageError } from '../errors/message-errors';
import { PassThroughRpcFilter } from '../nest/pass-through-rpc.filter';
import type { MessageGroup } from './inbound-message';
import { KafkaNamespace } from './kafka-namespace';
import { KafkaSyncServer } from './kafka-sync.server';
import { TopicProvisioner } from './topic-provisioner';

// Each run has topics and a group of its own (and its own refs besides).
const run = globalThis.crypto.randomUUID().slice(0, 8);
const ref = (name: string) => `${name}-${run}`;
const namespace = new KafkaNamespace(`server-int-${run}.`);
const syncRequested = namespace.topic(Topics.syncRequested);

class Probe {
  handled: string[] = [];
  attempts = new Map<string, number>();
}
const probe = new Probe();

@Controller()
class ProbeController {
  @EventPattern(Topics.syncRequested)
  onSyncRequested(@Payload() group: MessageGroup<SyncRequested>): void {
    for (const { envelope: request } of group.messages) {
      const { ref: r } = request.data;
      if (!r.endsWith(run)) continue;
      const attempt = (probe.attempts.get(r) ?? 0) + 1;
      probe.attempts.set(r, attempt);
      if (r === ref('flaky') && attempt < 3) throw new Error('upstream hiccup');
      if (r === ref('rejected')) throw new PermanentMessageError('this request can never succeed');
      if (r === ref('always-failing')) throw new TypeError('a bug that never goes away');
      probe.handled.push(r);
    }
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('KafkaSyncServer', () => {
  const kafka = new Kafka({
    clientId: 'server-int',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const groupId = `server-int-${run}`;
  const producer = kafka.producer();
  let app: INestMicroservice;

  beforeAll(async () => {
    app = await NestFactory.createMicroservice(ProbeModule, {
      strategy: new KafkaSyncServer({
        kafka,
        namespace,
        topics: new TopicProvisioner(kafka, 3, namespace),
        groupId,
        sessionTimeoutMs: 10_000,
        maxAttempts: 3,
        initialRetryDelayMs: 50,
        maxRetryDelayMs: 200,
      }),
      logger: false,
    });
    app.useGlobalFilters(new PassThroughRpcFilter());
    await app.listen();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await app.close();
  });

  async function publish(value: string, key = `zuora:${run}`): Promise<void> {
    await producer.send({ topic: syncRequested, acks: -1, messages: [{ key, value }] });
  }

  function request(r: string): string {
    return JSON.stringify(
      createEnvelope<SyncRequested>({
        topic: Topics.syncRequested,
        source: 'int-test',
        now: new Date(),
        data: { provider: 'zuora', scope: 'subscription', ref: r, trigger: 'upstream' },
      }),
    );
  }

  it('dead-letters a malformed message with provenance headers and goes on with the partition', async () => {
    const poison = `{not json ${run}`;
    await publish(poison);
    await publish(request(ref('after-poison')));

    await eventually(() => expect(probe.handled).toContain(ref('after-poison')));
    const [dead] = await collectMessages(
      kafka,
      namespace.topic(deadLetterTopic(Topics.syncRequested)),
      (m) => m.value?.toString() === poison,
      1,
    );
    // Read from the prefixed DLT, the headers still name the logical topic and group.
    expect(header(dead!, 'x-original-topic')).toBe(Topics.syncRequested);
    expect(header(dead!, 'x-original-partition')).toMatch(/^\d+$/);
    expect(header(dead!, 'x-original-offset')).toMatch(/^\d+$/);
    expect(header(dead!, 'x-consumer-group')).toBe(groupId);
    expect(header(dead!, 'x-exception-message')).toContain('value is not JSON');
  });

  it('retries a transient failure in process and handles the message once', async () => {
    await publish(request(ref('flaky')));
    await eventually(() => expect(probe.handled).toContain(ref('flaky')));
    expect(probe.attempts.get(ref('flaky'))).toBe(3);
    expect(probe.handled.filter((r) => r === ref('flaky'))).toHaveLength(1);
  });

  it('dead-letters a permanent failure at once, and a persistent one after its attempts', async () => {
    await publish(request(ref('rejected')));
    await publish(request(ref('always-failing')));
    await publish(request(ref('after-failures')));

    await eventually(() => expect(probe.handled).toContain(ref('after-failures')));
    expect(probe.attempts.get(ref('rejected'))).toBe(1);
    // At least its 3 attempts: delivery is at least once, so a rebalance before the offset is
    // committed (a fresh broker's group coordinator can cause one) may start it again. The dead
    // letter below says how many attempts one delivery made.
    expect(probe.attempts.get(ref('always-failing'))).toBeGreaterThanOrEqual(3);
    const dead = await collectMessages(
      kafka,
      namespace.topic(deadLetterTopic(Topics.syncRequested)),
      (m) => [ref('rejected'), ref('always-failing')].some((r) => m.value?.toString().includes(r)),
      2,
    );
    const byRef = (r: string) => dead.find((m) => m.value?.toString().includes(r))!;
    expect(header(byRef(ref('rejected')), 'x-exception-class')).toBe('PermanentMessageError');
    expect(header(byRef(ref('always-failing')), 'x-exception-class')).toBe('TypeError');
    expect(header(byRef(ref('always-failing')), 'x-attempts')).toBe('3');
  });

  it('commits the offset after each handled message', async () => {
    await publish(request(ref('committed')));
    await eventually(() => expect(probe.handled).toContain(ref('committed')));
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topicOffsets = await admin.fetchTopicOffsets(syncRequested);
      // Every partition's committed offset reaches the end of the log: nothing is left to redeliver.
      await eventually(async () => {
        const [committed] = await admin.fetchOffsets({
          groupId: namespace.group(groupId),
          topics: [syncRequested],
        });
        for (const { partition, high } of topicOffsets) {
          const offset = committed!.partitions.find((p) => p.partition === partition)?.offset;
          expect(offset === '-1' ? '0' : offset).toBe(high);
        }
      });
    } finally {
      await admin.disconnect();
    }
  });
});
