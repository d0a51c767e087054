import { parseBackfillRequest } from './backfill-filter';
import { applyBackfillAction, backfillProgress } from './backfill-job';

describe('backfill requests', () => {
  it('takes every subscription when the filter is left out', () => {
    expect(parseBackfillRequest({ provider: 'zuora' })).toEqual({
      ok: true,
      value: { provider: 'zuora', filter: {} },
    });
  });

  it('normalises instants and keeps the provider’s own filter fields', () => {
    expect(
      parseBackfillRequest({
        provider: 'stripe',
        filter: { createdFrom: '2026-01-01T01:00:00+01:00', customers: ['cus_1'] },
      }),
    ).toEqual({
      ok: true,
      value: {
        provider: 'stripe',
        filter: { createdFrom: '2026-01-01T00:00:00.000Z', customers: ['cus_1'] },
      },
    });
  });

  it.each([
    [{ provider: 'chargebee' }, /^provider: /],
    [{}, /^provider: /],
    [{ provider: 'zuora', filter: { customers: ['cus_1'] } }, /filter: .*customers/],
    [{ provider: 'zuora', filter: { updatedSince: '2026-13-01' } }, /^filter\.updatedSince: /],
    [{ provider: 'zuora', filter: { accounts: [] } }, /^filter\.accounts: /],
    [{ provider: 'stripe', filter: { customers: ['cus 1'] } }, /^filter\.customers\.0: /],
    [
      {
        provider: 'stripe',
        filter: { createdFrom: '2026-02-01T00:00:00Z', createdTo: '2026-02-01T00:00:00Z' },
      },
      /^filter\.createdTo: createdFrom must be before createdTo/,
    ],
    [{ provider: 'zuora', extra: 1 }, /extra/],
  ])('refuses %j naming the field', (body, message) => {
    const parsed = parseBackfillRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('backfill actions', () => {
  it.each([
    ['running', 'pause', 'paused'],
    ['paused', 'resume', 'running'],
    ['running', 'cancel', 'cancelled'],
    ['paused', 'cancel', 'cancelled'],
  ] as const)('%s + %s → %s', (status, action, next) => {
    expect(applyBackfillAction(status, action)).toEqual({ ok: true, status: next });
  });

  it.each([
    ['running', 'resume'],
    ['paused', 'pause'],
    ['completed', 'cancel'],
    ['cancelled', 'resume'],
    ['failed', 'pause'],
  ] as const)('refuses %s + %s with a reason', (status, action) => {
    const result = applyBackfillAction(status, action);
    expect(result.ok).toBe(false);
  });
});

describe('backfill progress', () => {
  const startedAt = new Date('2026-01-01T00:00:00Z');
  const counts = { listed: 1000, queued: 1000, succeeded: 380, failed: 10, skipped: 10 };

  it('gives throughput and the time left once listing is done', () => {
    expect(
      backfillProgress({
        counts,
        syncSkipped: 10,
        listingDone: true,
        startedAt,
        now: new Date('2026-01-01T00:00:10Z'),
      }),
    ).toEqual({ throughputPerSecond: 40, pending: 600, estimatedSecondsLeft: 15 });
  });

  it('gives no estimate while the upstream is still listed', () => {
    expect(
      backfillProgress({
        counts,
        syncSkipped: 10,
        listingDone: false,
        startedAt,
        now: new Date('2026-01-01T00:00:10Z'),
      }).estimatedSecondsLeft,
    ).toBeNull();
  });

  it('says zero when everything is done', () => {
    expect(
      backfillProgress({
        counts: { ...counts, succeeded: 990 },
        syncSkipped: 0,
        listingDone: true,
        startedAt,
        now: new Date('2026-01-01T00:00:10Z'),
      }),
    ).toEqual({ throughputPerSecond: 100, pending: 0, estimatedSecondsLeft: 0 });
  });
});
