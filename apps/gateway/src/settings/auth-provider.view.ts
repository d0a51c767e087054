import { type IdentityClaimConfig, maskSecret } from '@subsync/domain';
import type { AuthProviderEntity } from '@subsync/persistence';

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
    secret: maskSecret(provider.secret),
    audience: provider.audience,
    identityClaims: provider.identityClaims,
    updatedAt: provider.updatedAt.toISOString(),
  };
}
