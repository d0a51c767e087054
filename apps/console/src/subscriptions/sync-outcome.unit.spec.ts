import type { ProviderInfo } from '../api/api-types';
import { describeSync, importCandidates, syncingLabel } from './sync-outcome';

const change = { field: 'termEnd', before: '2025-01-01', after: '2026-01-01' };

describe('describeSync', () => {
  it('counts the fields a successful sync changed', () => {
    const result = { outcome: 'succeeded', eventId: 'event-1', subscriptionId: 'sub-1' } as const;

    expect(describeSync(result, { changes: [change, change] })).toEqual({
      tone: 'good',
      text: 'Synced. 2 fields changed',
    });
    expect(describeSync(result, { changes: [change] }).text).toBe('Synced. 1 field changed');
    expect(describeSync(result, { changes: [] }).text).toBe('Synced. 0 fields changed');
    expect(describeSync(result, null).text).toBe('Synced.');
  });

  it('gives the reason a sync was skipped', () => {
    const result = {
      outcome: 'skipped',
      eventId: 'event-2',
      reason: 'order placed by shop',
    } as const;

    expect(describeSync(result, null)).toEqual({
      tone: 'warn',
      text: 'Skipped: order placed by shop',
    });
  });

  it("quotes the gateway's message when the sync failed", () => {
    const result = { outcome: 'failed', eventId: 'event-3', message: 'Zuora has no A-S9' } as const;

    expect(describeSync(result, null)).toEqual({
      tone: 'bad',
      text: 'Sync failed: Zuora has no A-S9',
    });
  });

  it('points at the event of a sync that is still running', () => {
    expect(describeSync({ outcome: 'queued', eventId: 'event-4' }, null)).toEqual({
      tone: 'info',
      text: 'Still running; see event',
    });
  });

  it('names the provider while syncing', () => {
    expect(syncingLabel('Zuora')).toBe('Syncing with Zuora…');
  });
});

describe('importCandidates', () => {
  const zuora: ProviderInfo = { id: 'zuora', displayName: 'Zuora', subscriptionIdPattern: null };
  const stripe: ProviderInfo = {
    id: 'stripe',
    displayName: 'Stripe',
    subscriptionIdPattern: '^sub_[A-Za-z0-9]+$',
  };
  const providers = [zuora, stripe];

  it.each([
    ['an id of the shape Stripe gives', 'sub_1QxYz', ['stripe']],
    ['a Zuora subscription number', 'A-S00000271', ['zuora']],
    ['a platform-style id, which no fixed shape matches', 'sub-7f3a', ['zuora']],
    ['sub_ with a character Stripe never uses', 'sub_1-2', ['zuora']],
  ])('offers %s to the providers that may hold it', (_case, id, expected) => {
    expect(importCandidates(id, providers).map((provider) => provider.id)).toEqual(expected);
  });

  it('offers none when every provider has a shape and none matches', () => {
    expect(importCandidates('A-S00000271', [stripe])).toEqual([]);
  });
});
