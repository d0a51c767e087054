/**
 * One identity claim of an authentication provider (CONTRACTS.md §3). A claim with service
 * `zuora`, issuer `zuora` and type `account` names the customer's Zuora account: directly (the
 * claim holds the account id or number), or through `accountLookup` on a custom field of the
 * Zuora Account (`accountLookupField`, e.g. `ExternalId__c`).
 */
export interface IdentityClaimConfig {
  claim: string;
  service: string;
  issuer: string;
  type: string;
  accountLookup: boolean;
  accountLookupField: string | null;
}

export interface AuthProviderConfig {
  id: string;
  issuer: string;
  jwksUrl: string | null;
  /** The HS256 secret: sealed as stored; opened in memory only to verify a token. */
  secret: string | null;
  audience: string | null;
  identityClaims: IdentityClaimConfig[];
}

export interface ZuoraSettings {
  /** The main switch: when off, logins trigger nothing. */
  hotSyncEnabled: boolean;
}
