import { SignJWT } from 'jose';
import type { RunningSystem } from './running-system';

/** A shop that signs its customers' ID tokens with an HS256 secret, as an auth provider sees it. */
export interface Hs256Shop {
  issuer: string;
  secret: string;
}

/** Saves the shop as auth provider `id`, naming the Zuora account in the `account` claim. */
export async function saveHs256Provider(
  system: RunningSystem,
  id: string,
  shop: Hs256Shop,
): Promise<number> {
  const answer = await system.api('PUT', `/api/settings/auth-providers/${id}`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      issuer: shop.issuer,
      secret: shop.secret,
      identityClaims: [{ claim: 'account', service: 'zuora', issuer: 'zuora', type: 'account' }],
    }),
  });
  return answer.status;
}

/** A 10-minute ID token of the shop, signed with `secret` (the shop's own unless forged). */
export function hs256IdToken(
  shop: Hs256Shop,
  claims: Record<string, unknown>,
  options: { subject?: string; secret?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(shop.issuer)
    .setSubject(options.subject ?? 'user-1')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(options.secret ?? shop.secret));
}
