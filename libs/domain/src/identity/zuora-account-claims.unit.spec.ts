import type { IdentityClaimConfig } from './identity-claim.model';
import {
  decideAccountLookup,
  isThrottled,
  resolveZuoraAccountClaims,
} from './zuora-account-claims';

const claim = (overrides: Partial<IdentityClaimConfig>): IdentityClaimConfig => ({
  claim: 'zuora_account',
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: false,
  accountLookupField: null,
  ...overrides,
});

describe('resolveZuoraAccountClaims', () => {
  it.each<
    [
      string,
      Record<string, unknown>,
      IdentityClaimConfig[],
      { accounts: string[]; lookups: unknown[] },
    ]
  >([
    [
      'option A: one account',
      { zuora_account: 'A00000271' },
      [claim({})],
      { accounts: ['A00000271'], lookups: [] },
    ],
    [
      'option A: an array claim names two accounts',
      { zuora_account: ['A00000271', 'A00000272', 'A00000271'] },
      [claim({})],
      { accounts: ['A00000271', 'A00000272'], lookups: [] },
    ],
    [
      'option A: two configured claims',
      { zuora_account: 'A00000271', second_account: 'A00000275' },
      [claim({}), claim({ claim: 'second_account' })],
      { accounts: ['A00000271', 'A00000275'], lookups: [] },
    ],
    [
      'option B: a lookup on a custom field',
      { sub: 'idp|0001' },
      [claim({ claim: 'sub', accountLookup: true, accountLookupField: 'ExternalId__c' })],
      { accounts: [], lookups: [{ field: 'ExternalId__c', value: 'idp|0001' }] },
    ],
    [
      'wrong service: not detected',
      { zuora_account: 'A1' },
      [claim({ service: 'stripe' })],
      { accounts: [], lookups: [] },
    ],
    [
      'wrong issuer: not detected',
      { zuora_account: 'A1' },
      [claim({ issuer: 'okta' })],
      { accounts: [], lookups: [] },
    ],
    [
      'wrong type: not detected',
      { zuora_account: 'A1' },
      [claim({ type: 'contact' })],
      { accounts: [], lookups: [] },
    ],
    [
      'the claim is missing from the token',
      { email: 'x@example.com' },
      [claim({})],
      { accounts: [], lookups: [] },
    ],
    [
      'an empty or non-text value',
      { zuora_account: ['', { id: 1 }, ' '] },
      [claim({})],
      { accounts: [], lookups: [] },
    ],
  ])('%s', (_case, claims, configured, expected) => {
    expect(resolveZuoraAccountClaims(claims, configured)).toEqual(expected);
  });
});

describe('decideAccountLookup', () => {
  const lookup = { field: 'ExternalId__c', value: 'idp|0001' };

  it.each([
    [[], { kind: 'none' }],
    [['A00000271'], { kind: 'sync', account: 'A00000271' }],
    [['A00000271', 'A00000271'], { kind: 'sync', account: 'A00000271' }],
    [
      ['A00000275', 'A00000276'],
      {
        kind: 'ambiguous',
        reason:
          "2 Zuora accounts (A00000275, A00000276) have ExternalId__c = 'idp|0001'; hot sync needs exactly one",
      },
    ],
  ])('%j matches → %j', (matches, expected) => {
    expect(decideAccountLookup(lookup, matches)).toEqual(expected);
  });
});

describe('isThrottled', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it.each([
    [null, false],
    [new Date('2026-11-20T11:59:30Z'), true],
    [new Date('2026-11-20T11:59:00Z'), false],
    [new Date('2026-11-20T11:58:00Z'), false],
  ])('last queued %s → throttled %s', (last, expected) => {
    expect(isThrottled(last, now, 60_000)).toBe(expected);
  });
});
