import type { DeadLetterProvenance, EventRequest } from './event-record';
import { type ReplayCandidate, replayDecision } from './replay-policy';

const syncRequest: EventRequest = {
  topic: 'sync.requested.v1',
  data: {
    provider: 'zuora',
    scope: 'subscription',
    ref: 'A-S00000271',
    trigger: 'callout',
    callout: { notificationId: 'n-1', orderNumber: 'O-1', source: 'zuora-ui' },
  },
};

const letter: DeadLetterProvenance = {
  topic: 'sync.requested.v1',
  partition: 0,
  offset: '7',
  timestamp: null,
  consumerGroup: 'subsync.zuora-sync',
  attempts: 1,
  exceptionClass: 'PermanentMessageError',
  error: 'value is not JSON: Unexpected token',
  failedAt: null,
  key: 'zuora:x',
  value: '{oops',
  valueEncoding: 'utf8',
  headers: {},
  deadLetterTopic: 'sync.requested.v1.dlt',
  deadLetterPartition: 0,
  deadLetterOffset: '3',
};

const failed = (overrides: Partial<ReplayCandidate> = {}): ReplayCandidate => ({
  id: 'event-1',
  status: 'failed',
  request: syncRequest,
  deadLetter: null,
  pendingReplayId: null,
  ...overrides,
});

describe('replayDecision', () => {
  it('replays the recorded request as it was, callout context included', () => {
    expect(replayDecision(failed())).toEqual({ ok: true, request: syncRequest.data });
  });

  it('replays a valid dead-lettered sync request', () => {
    expect(replayDecision(failed({ deadLetter: letter })).ok).toBe(true);
  });

  it.each([
    [{ status: 'succeeded' as const }, 'Only failed events can be replayed; event-1 is succeeded'],
    [{ status: 'queued' as const }, 'Only failed events can be replayed; event-1 is queued'],
    [{ pendingReplayId: 'event-2' }, 'event-1 is already being replayed by event-2'],
    [
      { request: null },
      'event-1 does not record the request that started it; sync the subscription again instead',
    ],
    [
      {
        request: {
          topic: 'identity.login.v1',
          data: { issuer: 'https://idp', subject: 'u-1' },
        } as EventRequest,
      },
      "This hot sync failed at login, before a sync was requested; the customer's next login tries again",
    ],
    [
      { request: { topic: 'sync.completed.v1', data: {} } as EventRequest },
      'Messages on sync.completed.v1 are not replayed',
    ],
  ])('refuses %o', (overrides, reason) => {
    expect(replayDecision(failed(overrides))).toEqual({ ok: false, reason });
  });

  it('refuses a dead letter that never was a valid message, saying why', () => {
    const decision = replayDecision(failed({ request: null, deadLetter: letter }));
    expect(decision).toEqual({
      ok: false,
      reason:
        'The dead-lettered message is not a valid sync.requested.v1 message, so a replay would fail the same way (value is not JSON: Unexpected token); publish a corrected message instead',
    });
  });

  it('refuses a recorded request that no longer validates', () => {
    const broken = { topic: 'sync.requested.v1', data: { provider: 'chargebee' } } as EventRequest;
    const decision = replayDecision(failed({ request: broken }));
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(
      /^The recorded request is not a valid sync request/,
    );
  });
});
