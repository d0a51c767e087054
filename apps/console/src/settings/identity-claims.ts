// Turning the identity-claims editor's rows into the PUT body. Pure: unit-tested alongside.
import type { AuthProvider, AuthProviderBody, IdentityClaim } from '../api/api-types';

/** What the gateway shows instead of a stored secret; sent back, it keeps that secret. */
export const MASKED_SECRET = '********';

/** One editable row; `accountLookupField` is the text box's value (`''` when unused). */
export interface ClaimRow {
  claim: string;
  service: string;
  issuer: string;
  type: string;
  accountLookup: boolean;
  accountLookupField: string;
}

/** Hot sync resolves Zuora accounts only, so new rows are fixed to zuora/zuora/account. */
export function newClaimRow(): ClaimRow {
  return {
    claim: '',
    service: 'zuora',
    issuer: 'zuora',
    type: 'account',
    accountLookup: false,
    accountLookupField: '',
  };
}

export function toClaimRows(claims: IdentityClaim[]): ClaimRow[] {
  return claims.map((claim) => ({ ...claim, accountLookupField: claim.accountLookupField ?? '' }));
}

export function toIdentityClaims(rows: ClaimRow[]): IdentityClaim[] {
  return rows.map((row) => ({
    ...row,
    claim: row.claim.trim(),
    accountLookupField: row.accountLookupField.trim() === '' ? null : row.accountLookupField.trim(),
  }));
}

/**
 * The full PUT body for a provider with new identity claims: the PUT replaces the provider, so
 * everything else is sent back as it was (the masked secret keeps the stored one).
 */
export function providerBody(provider: AuthProvider, claims: IdentityClaim[]): AuthProviderBody {
  const verification =
    provider.jwksUrl !== null
      ? { jwksUrl: provider.jwksUrl }
      : { secret: provider.secret ?? MASKED_SECRET };
  return {
    issuer: provider.issuer,
    ...verification,
    audience: provider.audience,
    identityClaims: claims,
  };
}
