import { z } from 'zod';
import { identityClaimConfigSchema, maskSecret } from '@subsync/domain';
import type { AuthProviderEntity } from '@subsync/persistence';
import { listSchema } from '../http/page.schema';

/** An authentication provider as the settings API shows it: the secret is never echoed. */
export const authProviderViewSchema = z.object({
  providerId: z.string(),
  issuer: z.string(),
  jwksUrl: z.string().nullable(),
  secret: z
    .string()
    .nullable()
    .describe('`"********"` when the provider verifies with an HS256 secret, otherwise null'),
  audience: z.string().nullable(),
  identityClaims: z.array(identityClaimConfigSchema),
  updatedAt: z.string(),
});
export type AuthProviderView = z.infer<typeof authProviderViewSchema>;

export const authProviderListSchema = listSchema(authProviderViewSchema);

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
