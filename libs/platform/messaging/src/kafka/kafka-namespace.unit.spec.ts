import type { KafkaMessage } from 'kafkajs';
import { KAFKA_TOPIC_NAME_MAX_LENGTH, KAFKA_TOPIC_PREFIX_MAX_LENGTH } from '@subsync/config';
import { ALL_TOPICS, deadLetterTopic, Topics } from '@subsync/domain';
import { deadLetterRecord, readDeadLetter } from './dead-letter';
import { KafkaNamespace, UNPREFIXED } from './kafka-namespace';

const e2e = new KafkaNamespace('e2e-3f9a.');

describe('KafkaNamespace', () => {
  it('puts the prefix in front of topics and consumer groups on the broker', () => {
    expect(e2e.topic(Topics.syncRequested)).toBe('e2e-3f9a.sync.requested.v1');
    expect(e2e.topic(deadLetterTopic(Topics.identityLogin))).toBe('e2e-3f9a.identity.login.v1.dlt');
    expect(e2e.group('subsync.zuora-sync')).toBe('e2e-3f9a.subsync.zuora-sync');
  });

  it('reads a broker topic back as its registry name', () => {
    expect(e2e.logicalTopic('e2e-3f9a.sync.completed.v1')).toBe(Topics.syncCompleted);
    expect(e2e.logicalTopic('e2e-3f9a.sync.completed.v1.dlt')).toBe('sync.completed.v1.dlt');
  });

  it('refuses a topic of another namespace rather than taking it for one of its own', () => {
    expect(() => e2e.logicalTopic('sync.requested.v1')).toThrow(
      "topic sync.requested.v1 is outside the namespace 'e2e-3f9a.'",
    );
    expect(() => e2e.logicalTopic('e2e-77aa.sync.requested.v1')).toThrow(/outside the namespace/);
  });

  it('keeps the names of the contract without a prefix', () => {
    for (const topic of ALL_TOPICS) {
      expect(UNPREFIXED.topic(topic)).toBe(topic);
      expect(UNPREFIXED.logicalTopic(deadLetterTopic(topic))).toBe(deadLetterTopic(topic));
    }
    expect(UNPREFIXED.group('subsync.hot-sync')).toBe('subsync.hot-sync');
  });

  it("keeps every topic within Kafka's name limit under the longest prefix the config accepts", () => {
    const longest = new KafkaNamespace('p'.repeat(KAFKA_TOPIC_PREFIX_MAX_LENGTH));
    for (const topic of ALL_TOPICS.flatMap((t) => [t, deadLetterTopic(t)])) {
      expect(longest.topic(topic).length).toBeLessThanOrEqual(KAFKA_TOPIC_NAME_MAX_LENGTH);
    }
  });

  it('dead-letters to the prefixed DLT, which reads back with the logical names', () => {
    const original: KafkaMessage = {
      key: Buffer.from('zuora:A-S00000271'),
      value: Buffer.from('{"broken"'),
      timestamp: '1795251600000',
      attributes: 0,
      offset: '12',
      headers: {},
    };
    const written = deadLetterRecord(
      {
        topic: Topics.syncRequested,
        partition: 4,
        message: original,
        consumerGroup: 'subsync.zuora-sync',
        attempts: 1,
        error: new Error('value is not JSON'),
        now: new Date('2026-11-20T09:00:00Z'),
      },
      e2e,
    );
    expect(written.topic).toBe('e2e-3f9a.sync.requested.v1.dlt');

    // What the dead-letter intake's consumer hands over for that record: the logical topic.
    const [message] = written.messages;
    const stored: KafkaMessage = {
      ...original,
      offset: '3',
      key: Buffer.from(String(message!.key)),
      value: Buffer.from(String(message!.value)),
      headers: message!.headers,
    };
    const letter = readDeadLetter(e2e.logicalTopic(written.topic), 7, stored);

    expect(letter).toMatchObject({
      topic: 'sync.requested.v1',
      partition: 4,
      offset: '12',
      consumerGroup: 'subsync.zuora-sync',
      deadLetterTopic: 'sync.requested.v1.dlt',
      deadLetterPartition: 7,
      deadLetterOffset: '3',
    });
  });

  it('falls back to the logical topic when a prefixed DLT record has no provenance headers', () => {
    const letter = readDeadLetter(e2e.logicalTopic('e2e-3f9a.identity.login.v1.dlt'), 0, {
      key: null,
      value: Buffer.from('{}'),
      timestamp: '1795251600000',
      attributes: 0,
      offset: '0',
      headers: {},
    });
    expect(letter.topic).toBe(Topics.identityLogin);
    expect(letter.deadLetterTopic).toBe('identity.login.v1.dlt');
  });
});
