import { SignJWT } from 'jose';

/** A bearer token for trying the API locally, signed with the gateway's HS256 secret. */
export async function signDevToken(
  secret: string,
  claims: { issuer?: string; audience?: string },
): Promise<string> {
  let jwt = new SignJWT({ scope: 'subsync:dev' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('dev-user')
    .setIssuedAt()
    .setExpirationTime('12h');
  if (claims.issuer !== undefined) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
