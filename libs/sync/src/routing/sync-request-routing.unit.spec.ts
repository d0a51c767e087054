import { createEnvelope, type SyncRequested, type SyncTrigger, Topics } from '@subsync/domain';
import type { InboundMessage } from '@subsync/messaging';
import type { SyncRequestLookups } from './sync-request-lookups';
import { syncRequestRouting } from './sync-request-routing';

function request(trigger: SyncTrigger): InboundMessage<unknown> {
  const data: SyncRequested = { provider: 'zuora', scope: 'subscription', ref: 'A-S1', trigger };
  return {
    envelope: createEnvelope({
      topic: Topics.syncRequested,
      data,
      source: 'test',
      now: new Date(),
    }),
    topic: Topics.syncRequested,
    partition: 0,
    offset: '0',
    key: 'zuora:A-S1',
    headers: {},
  };
}

describe('syncRequestRouting', () => {
  // The lookups are not reached by `background`.
  const routing = syncRequestRouting('zuora', {} as SyncRequestLookups);

  it.each<[SyncTrigger, boolean]>([
    ['api', false],
    ['callout', false],
    ['ui', false],
    ['hot-sync', false],
    ['upstream', false],
    ['backfill', true],
    ['reconcile', true],
  ])('a %s request is background work: %s', (trigger, background) => {
    expect(routing.background?.(request(trigger))).toBe(background);
  });
});
