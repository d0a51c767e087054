import type { IdentityClaimConfig } from '@subsync/domain';
import type { AuthProviderEntity } from '@subsync/persistence';
import { MASKED_SECRET } from './auth-provider.schema';

/** An authentication provider as the settings API shows it: the secret is never echoed. */
export interface AuthProviderView {
  providerId: string;
  issuer: string;
  jwksUrl: string | null;
  /** `"********"` when the provider verifies with an HS256 secret, otherwise null. */
  secret: string | null;
  audience: string | null;
  identityClaims: IdentityClaimConfig[];
  updatedAt: string;
}

export function toAuthProviderView(provider: AuthProviderEntity): AuthProviderView {
  return {
    providerId: provider.id,
    issuer: provider.issuer,
    jwksUrl: provider.jwksUrl,
    secret: provider.secret === null ? null : MASKED_SECRET,
    audience: provider.audience,
    identityClaims: provider.identityClaims,
    updatedAt: provider.updatedAt.toISOString(),
  };
}
