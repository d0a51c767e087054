import { describeSync, syncingLabel } from './sync-outcome';

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
    expect(syncingLabel('zuora')).toBe('Syncing with Zuora…');
    expect(syncingLabel('stripe')).toBe('Syncing with Stripe…');
  });
});
