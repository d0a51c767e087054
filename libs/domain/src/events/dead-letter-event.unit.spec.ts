import { createEnvelope } from '../messages/envelope';
import type { SyncRequested } from '../messages/message-schemas';
import { Topics } from '../messages/topics';
import { deadLetterEvent } from './dead-letter-event';
import type { DeadLetterProvenance } from './event-record';

const now = new Date('2026-11-20T09:00:00Z');

function letter(overrides: Partial<DeadLetterProvenance>): DeadLetterProvenance {
  return {
    topic: Topics.syncRequested,
    partition: 2,
    offset: '41',
    timestamp: '1795251600000',
    consumerGroup: 'subsync.zuora-sync',
    attempts: 5,
    exceptionClass: 'TypeError',
    error: 'boom',
    failedAt: now.toISOString(),
    key: 'zuora:A-S1',
    value: null,
    valueEncoding: 'utf8',
    headers: {},
    deadLetterTopic: 'sync.requested.v1.dlt',
    deadLetterPartition: 0,
    deadLetterOffset: '9',
    ...overrides,
  };
}

describe('deadLetterEvent', () => {
  it('takes provider, ref, trigger and the request from a valid sync request', () => {
    const envelope = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'gateway',
      now,
      data: {
        provider: 'stripe',
        scope: 'subscription',
        ref: 'sub_1',
        trigger: 'callout',
        eventId: 'event-abc',
      },
    });
    expect(deadLetterEvent(letter({ value: JSON.stringify(envelope) }))).toEqual({
      type: 'callout',
      provider: 'stripe',
      ref: 'sub_1',
      trigger: 'callout',
      correlationId: envelope.correlationId,
      request: {
        topic: Topics.syncRequested,
        data: { provider: 'stripe', scope: 'subscription', ref: 'sub_1', trigger: 'callout' },
      },
      queuedEventId: 'event-abc',
      reason: 'Dead-lettered from sync.requested.v1 by subsync.zuora-sync after 5 attempts: boom',
    });
  });

  it('names an invalid message by its key, or else by its position', () => {
    expect(deadLetterEvent(letter({ value: '{oops', attempts: 1 }))).toMatchObject({
      type: 'sync',
      provider: null,
      ref: 'zuora:A-S1',
      trigger: 'upstream',
      request: null,
      queuedEventId: null,
      reason: 'Dead-lettered from sync.requested.v1 by subsync.zuora-sync after 1 attempt: boom',
    });
    expect(deadLetterEvent(letter({ key: null, value: '{oops' })).ref).toBe(
      'sync.requested.v1[2]@41',
    );
  });

  it('keeps who logged in, not the claims, for a dead-lettered login', () => {
    const login = createEnvelope({
      topic: Topics.identityLogin,
      source: 'gateway',
      now,
      data: { issuer: 'https://idp', subject: 'u-1', claims: { email: 'a@b.c' } },
    });
    const event = deadLetterEvent(
      letter({ topic: Topics.identityLogin, value: JSON.stringify(login), consumerGroup: null }),
    );
    expect(event).toMatchObject({
      type: 'hot-sync',
      provider: 'zuora',
      ref: 'https://idp:u-1',
      request: { topic: Topics.identityLogin, data: { issuer: 'https://idp', subject: 'u-1' } },
      reason: 'Dead-lettered from identity.login.v1 after 5 attempts: boom',
    });
  });

  it('does not read a value that was not UTF-8', () => {
    expect(deadLetterEvent(letter({ value: 'AAEC', valueEncoding: 'base64' })).request).toBeNull();
  });
});
