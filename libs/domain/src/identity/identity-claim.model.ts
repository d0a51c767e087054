import { z } from 'zod';

/**
 * One identity claim of an authentication provider (CONTRACTS.md §3). A claim with service
 * `zuora`, issuer `zuora` and type `account` names the customer's Zuora account: directly (the
 * claim holds the account id or number), or through `accountLookup` on a custom field of the
 * Zuora Account (`accountLookupField`, e.g. `ExternalId__c`).
 */
export const identityClaimConfigSchema = z.object({
  claim: z.string(),
  service: z.string(),
  issuer: z.string(),
  type: z.string(),
  accountLookup: z.boolean(),
  accountLookupField: z.string().nullable(),
});
export type IdentityClaimConfig = z.infer<typeof identityClaimConfigSchema>;

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
