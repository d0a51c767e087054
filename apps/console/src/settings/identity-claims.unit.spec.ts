import type { AuthProvider } from '../api/api-types';
import { newClaimRow, providerBody, toClaimRows, toIdentityClaims } from './identity-claims';

const provider: AuthProvider = {
  providerId: 'shop-idp',
  issuer: 'https://login.example.com/',
  jwksUrl: null,
  secret: '********',
  audience: 'self-service',
  identityClaims: [
    {
      claim: 'zuora_account',
      service: 'zuora',
      issuer: 'zuora',
      type: 'account',
      accountLookup: false,
      accountLookupField: null,
    },
  ],
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('identity claims editor', () => {
  it('sends the whole provider back with the masked secret, so the stored secret stays', () => {
    const claims = toIdentityClaims([
      ...toClaimRows(provider.identityClaims),
      {
        ...newClaimRow(),
        claim: ' sub ',
        accountLookup: true,
        accountLookupField: ' ExternalId__c ',
      },
    ]);

    expect(providerBody(provider, claims)).toEqual({
      issuer: 'https://login.example.com/',
      secret: '********',
      audience: 'self-service',
      identityClaims: [
        provider.identityClaims[0],
        {
          claim: 'sub',
          service: 'zuora',
          issuer: 'zuora',
          type: 'account',
          accountLookup: true,
          accountLookupField: 'ExternalId__c',
        },
      ],
    });
  });

  it('keeps the JWKS URL of a provider that verifies with one, and sends no secret', () => {
    const jwks = { ...provider, jwksUrl: 'https://login.example.com/jwks.json', secret: null };

    const body = providerBody(jwks, []);

    expect(body).toEqual({
      issuer: 'https://login.example.com/',
      jwksUrl: 'https://login.example.com/jwks.json',
      audience: 'self-service',
      identityClaims: [],
    });
  });

  it('sends an empty lookup field as null', () => {
    const [claim] = toIdentityClaims([
      { ...newClaimRow(), claim: 'acct', accountLookupField: '  ' },
    ]);

    expect(claim?.accountLookupField).toBeNull();
  });
});
