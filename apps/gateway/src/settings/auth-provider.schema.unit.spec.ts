import { MASKED_SECRET } from '@subsync/domain';
import { authProviderBodySchema, parseProviderId } from './auth-provider.schema';
import { zuoraSettingsBodySchema } from './zuora-settings.schema';

const claim = {
  claim: 'zuoraAccountId',
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: false,
  accountLookupField: null,
};
const valid = {
  issuer: 'https://login.example.com/',
  jwksUrl: 'https://login.example.com/keys',
  identityClaims: [claim],
};

function issuesOf(body: unknown): string[] {
  const result = authProviderBodySchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('authProviderBodySchema', () => {
  it('reads a JWKS provider, with the absent fields as null', () => {
    expect(authProviderBodySchema.parse(valid)).toEqual({
      issuer: 'https://login.example.com/',
      jwksUrl: 'https://login.example.com/keys',
      secret: null,
      audience: null,
      identityClaims: [claim],
    });
  });

  it('reads a secret provider with an audience and an account lookup claim', () => {
    const lookup = {
      ...claim,
      claim: 'sub',
      accountLookup: true,
      accountLookupField: 'ExternalId__c',
    };
    const body = {
      issuer: 'shop',
      secret: 'x'.repeat(32),
      audience: 'self-service',
      identityClaims: [lookup],
    };
    expect(authProviderBodySchema.parse(body)).toEqual({ ...body, jwksUrl: null });
  });

  it('defaults accountLookup to false and the claims to none', () => {
    const { accountLookup: _lookup, accountLookupField: _field, ...bare } = claim;
    expect(
      authProviderBodySchema.parse({ ...valid, identityClaims: [bare] }).identityClaims,
    ).toEqual([claim]);
    expect(
      authProviderBodySchema.parse({ issuer: 'x', secret: MASKED_SECRET }).identityClaims,
    ).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['no body', undefined, ['']],
    ['an empty issuer', { ...valid, issuer: '  ' }, ['issuer']],
    ['neither jwksUrl nor secret', { issuer: 'x', identityClaims: [] }, ['jwksUrl']],
    ['both jwksUrl and secret', { ...valid, secret: 'x'.repeat(32) }, ['jwksUrl']],
    ['a jwksUrl that is not http(s)', { ...valid, jwksUrl: 'file:///etc/keys' }, ['jwksUrl']],
    ['a jwksUrl that is not a URL', { ...valid, jwksUrl: 'keys' }, ['jwksUrl']],
    ['a short secret', { issuer: 'x', secret: 'short' }, ['secret']],
    ['an empty audience', { ...valid, audience: '' }, ['audience']],
    ['claims that are not a list', { ...valid, identityClaims: {} }, ['identityClaims']],
    [
      'a claim with an empty name',
      { ...valid, identityClaims: [{ ...claim, claim: '' }] },
      ['identityClaims.0.claim'],
    ],
    [
      'a claim without a service',
      { ...valid, identityClaims: [{ ...claim, service: undefined }] },
      ['identityClaims.0.service'],
    ],
    [
      'an account lookup without its field',
      { ...valid, identityClaims: [{ ...claim, accountLookup: true }] },
      ['identityClaims.0.accountLookupField'],
    ],
    [
      'an account lookup field that is not a Zuora custom field',
      {
        ...valid,
        identityClaims: [{ ...claim, accountLookup: true, accountLookupField: 'Email' }],
      },
      ['identityClaims.0.accountLookupField'],
    ],
    [
      'an accountLookup that is not a boolean',
      { ...valid, identityClaims: [{ ...claim, accountLookup: 'yes' }] },
      ['identityClaims.0.accountLookup'],
    ],
  ])('refuses %s, naming the field', (_case, body, paths) => {
    expect(issuesOf(body)).toEqual(paths);
  });
});

describe('parseProviderId', () => {
  it.each(['okta', 'Auth0_prod-2', 'a'.repeat(64)])('accepts %s', (id) => {
    expect(parseProviderId(id)).toBe(id);
  });

  it.each(['', 'a'.repeat(65), 'has space', 'dot.ted', 'slash/'])('refuses %j', (id) => {
    expect(() => parseProviderId(id)).toThrow(/is not a provider id/);
  });
});

describe('Zuora settings', () => {
  it('needs hotSyncEnabled as a boolean', () => {
    expect(zuoraSettingsBodySchema.parse({ hotSyncEnabled: true })).toEqual({
      hotSyncEnabled: true,
    });
    expect(zuoraSettingsBodySchema.safeParse({ hotSyncEnabled: 'true' }).success).toBe(false);
    expect(zuoraSettingsBodySchema.safeParse({}).success).toBe(false);
  });
});
