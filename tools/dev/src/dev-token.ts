import { SignJWT } from 'jose';
import type { GatewayConfig } from '@subsync/config';

export const ALL_ROLES = ['read', 'operate', 'administer'];

export interface OperatorToken {
  subject: string;
  roles: readonly string[];
  /** Capped at AUTH_MAX_TOKEN_AGE, which the gateway enforces. */
  lifetimeSeconds: number;
}

/**
 * An operator token signed with the gateway's HS256 secret: the roles go into the first claim
 * the gateway reads them from (a space-separated string for an OAuth 2 `scope`, else a list).
 */
export async function signOperatorToken(
  secret: string,
  config: Pick<GatewayConfig, 'issuer' | 'audience' | 'rolesClaims' | 'tokenRules'>,
  token: OperatorToken,
): Promise<string> {
  const claim = config.rolesClaims[0] ?? 'scope';
  const roles = claim === 'scope' ? token.roles.join(' ') : [...token.roles];
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ [claim]: roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(token.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + Math.min(token.lifetimeSeconds, config.tokenRules.maxAgeSeconds));
  if (config.issuer !== undefined) jwt = jwt.setIssuer(config.issuer);
  if (config.audience !== undefined) jwt = jwt.setAudience(config.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
