import type { KafkaMessage } from 'kafkajs';
import { deadLetterRecord, readDeadLetter } from './dead-letter';
import { UNPREFIXED } from './kafka-namespace';

const original: KafkaMessage = {
  key: Buffer.from('zuora:A-S1'),
  value: Buffer.from('{"half": '),
  timestamp: '1795251600000',
  attributes: 0,
  offset: '41',
  headers: { 'correlation-id': Buffer.from('c-1') },
};

describe('dead-letter records', () => {
  it('reads back what the writer recorded: provenance, original bytes and own headers', () => {
    const [written] = deadLetterRecord(
      {
        topic: 'sync.requested.v1',
        partition: 2,
        message: original,
        consumerGroup: 'subsync.zuora-sync',
        attempts: 5,
        error: new TypeError('boom'),
        now: new Date('2026-11-20T09:00:00Z'),
      },
      UNPREFIXED,
    ).messages;
    const stored: KafkaMessage = {
      ...original,
      offset: '7',
      key: Buffer.from(String(written!.key)),
      value: Buffer.from(String(written!.value)),
      headers: written!.headers,
    };

    expect(readDeadLetter('sync.requested.v1.dlt', 0, stored)).toEqual({
      topic: 'sync.requested.v1',
      partition: 2,
      offset: '41',
      timestamp: '1795251600000',
      consumerGroup: 'subsync.zuora-sync',
      attempts: 5,
      exceptionClass: 'TypeError',
      error: 'boom',
      failedAt: '2026-11-20T09:00:00.000Z',
      key: 'zuora:A-S1',
      value: '{"half": ',
      valueEncoding: 'utf8',
      headers: { 'correlation-id': 'c-1' },
      deadLetterTopic: 'sync.requested.v1.dlt',
      deadLetterPartition: 0,
      deadLetterOffset: '7',
    });
  });

  it('falls back to the record itself when a producer wrote to the DLT without provenance', () => {
    const letter = readDeadLetter('identity.login.v1.dlt', 1, {
      ...original,
      headers: {},
      value: Buffer.from([0xff, 0xfe, 0x00]),
    });
    expect(letter).toMatchObject({
      topic: 'identity.login.v1',
      partition: 1,
      offset: '41',
      consumerGroup: null,
      attempts: null,
      error: null,
      failedAt: null,
      value: '//4A',
      valueEncoding: 'base64',
    });
  });
});
