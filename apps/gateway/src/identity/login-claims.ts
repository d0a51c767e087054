import type { JWTPayload } from 'jose';
import type { IdentityClaimConfig } from '@subsync/domain';

/**
 * The claims of a verified ID token that the provider's identity claims read: all that
 * `identity.login.v1` carries, so the outbox and Kafka hold no more of the customer (no email,
 * no name) than hot sync needs.
 */
export function claimsNeeded(
  claims: JWTPayload,
  identityClaims: readonly Pick<IdentityClaimConfig, 'claim'>[],
): Record<string, unknown> {
  const needed: Record<string, unknown> = {};
  for (const { claim } of identityClaims) {
    if (Object.hasOwn(claims, claim)) needed[claim] = claims[claim];
  }
  return needed;
}
