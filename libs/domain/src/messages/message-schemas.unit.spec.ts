import { createEnvelope } from './envelope';
import { messageKey, parseMessage, type SyncRequested } from './message-schemas';
import { Topics } from './topics';

describe('parseMessage', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const good = createEnvelope<SyncRequested>({
    topic: Topics.syncRequested,
    source: 'test',
    now,
    data: { provider: 'zuora', scope: 'subscription', ref: 'A-S00000271', trigger: 'upstream' },
  });

  it('accepts a valid sync request', () => {
    const result = parseMessage(Topics.syncRequested, JSON.stringify(good));
    expect(result).toEqual({ ok: true, value: good });
  });

  it.each([
    ['no value', null, 'message has no value'],
    ['not JSON', '{oops', 'value is not JSON'],
    ['no envelope', JSON.stringify({ provider: 'zuora' }), 'invalid envelope'],
    [
      'the wrong type for the topic',
      JSON.stringify({ ...good, type: 'sync.completed' }),
      "envelope type 'sync.completed' does not belong on topic sync.requested.v1",
    ],
    [
      'an unknown provider',
      JSON.stringify({ ...good, data: { ...good.data, provider: 'chargebee' } }),
      'invalid data: provider',
    ],
    [
      'an empty ref',
      JSON.stringify({ ...good, data: { ...good.data, ref: ' ' } }),
      'invalid data: ref',
    ],
    [
      'a ref with a NUL character',
      JSON.stringify({ ...good, data: { ...good.data, ref: 'A-S\u00001' } }),
      'invalid data: ref: must not contain control characters',
    ],
  ])('rejects %s with a reason', (_case, raw, reason) => {
    const result = parseMessage(Topics.syncRequested, raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(reason);
  });

  it('accepts a sync request that carries what a callout said', () => {
    const callout = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'test',
      now,
      data: {
        ...good.data,
        trigger: 'callout',
        callout: { notificationId: 'n-1', orderNumber: 'O-00000271', source: 'zuora' },
      },
    });
    expect(parseMessage(Topics.syncRequested, JSON.stringify(callout))).toEqual({
      ok: true,
      value: callout,
    });
  });

  it('rejects a callout value that is empty', () => {
    const raw = JSON.stringify({ ...good, data: { ...good.data, callout: { orderNumber: ' ' } } });
    const result = parseMessage(Topics.syncRequested, raw);
    expect(result.ok ? '' : result.error).toContain('invalid data: callout.orderNumber');
  });

  it('keys a sync request by provider and ref', () => {
    expect(messageKey(Topics.syncRequested, good.data)).toBe('zuora:A-S00000271');
  });
});
