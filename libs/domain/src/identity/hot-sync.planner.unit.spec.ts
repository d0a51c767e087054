import { type AccountLookupResult, type HotSyncStep, planHotSync } from './hot-sync.planner';

const byExternalId = { field: 'ExternalId__c', value: 'idp|0001' };
const found = (...matches: string[]): AccountLookupResult => ({
  lookup: byExternalId,
  ok: true,
  matches,
});

describe('planHotSync', () => {
  it.each<[string, string[], AccountLookupResult[], HotSyncStep[]]>([
    ['no claims', [], [], []],
    [
      'accounts named directly: queued in order',
      ['A00000271', 'A00000272'],
      [],
      [
        { kind: 'queue', account: 'A00000271' },
        { kind: 'queue', account: 'A00000272' },
      ],
    ],
    [
      'a lookup with one match: queued after the direct accounts',
      ['A00000271'],
      [found('A00000275')],
      [
        { kind: 'queue', account: 'A00000271' },
        { kind: 'queue', account: 'A00000275' },
      ],
    ],
    ['a lookup with no match: nothing, the login goes on', [], [found()], []],
    [
      'a lookup with two matches: skipped, with the reason',
      [],
      [found('A1', 'A2')],
      [
        {
          kind: 'skip',
          ref: 'ExternalId__c=idp|0001',
          reason:
            "2 Zuora accounts (A1, A2) have ExternalId__c = 'idp|0001'; hot sync needs exactly one",
        },
      ],
    ],
    [
      'a lookup Zuora failed: fails with its code',
      ['A00000271'],
      [{ lookup: byExternalId, ok: false, code: 'UPSTREAM_UNAVAILABLE', message: 'Zuora is down' }],
      [
        { kind: 'queue', account: 'A00000271' },
        {
          kind: 'fail',
          ref: 'ExternalId__c=idp|0001',
          code: 'ZUORA_UPSTREAM_UNAVAILABLE',
          reason: 'Account lookup failed: Zuora is down',
        },
      ],
    ],
    [
      'the same account named directly and found by a lookup: queued once',
      ['A00000271'],
      [found('A00000271')],
      [{ kind: 'queue', account: 'A00000271' }],
    ],
    [
      'two lookups finding the same account: queued once',
      [],
      [found('A00000271'), { ...found('A00000271'), lookup: { field: 'Other__c', value: 'x' } }],
      [{ kind: 'queue', account: 'A00000271' }],
    ],
  ])('given %s', (_case, accounts, lookups, expected) => {
    // When
    const steps = planHotSync(accounts, lookups);
    // Then
    expect(steps).toEqual(expected);
  });
});
