import { jwtVerify } from 'jose';
import { readGatewayConfig } from '@subsync/config';
import { ALL_ROLES, signOperatorToken } from './dev-token';

const SECRET = 'a-real-secret-that-is-long-enough-for-hs256';

async function claimsOf(env: Record<string, string>, lifetimeSeconds = 12 * 3600) {
  const config = readGatewayConfig({ AUTH_JWT_SECRET: SECRET, ...env });
  const token = await signOperatorToken(SECRET, config, {
    subject: 'dev-user',
    roles: ALL_ROLES,
    lifetimeSeconds,
  });
  return (await jwtVerify(token, new TextEncoder().encode(SECRET))).payload;
}

describe('signOperatorToken', () => {
  it('puts every role into the OAuth 2 scope by default, with sub, iat and exp', async () => {
    const claims = await claimsOf({});
    expect(claims).toMatchObject({ sub: 'dev-user', scope: 'read operate administer' });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('uses the first claim AUTH_ROLES_CLAIM names, as a list, and the configured audience', async () => {
    const claims = await claimsOf({
      AUTH_ROLES_CLAIM: 'https://subsync.dev/roles,scope',
      AUTH_AUDIENCE: 'subsync',
      AUTH_ISSUER: 'https://ops.example.com/',
    });
    expect(claims).toMatchObject({
      'https://subsync.dev/roles': ['read', 'operate', 'administer'],
      aud: 'subsync',
      iss: 'https://ops.example.com/',
    });
    expect(claims.scope).toBeUndefined();
  });

  it('never outlives AUTH_MAX_TOKEN_AGE, which the gateway would refuse', async () => {
    const claims = await claimsOf({ AUTH_MAX_TOKEN_AGE: '1h' });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });
});
