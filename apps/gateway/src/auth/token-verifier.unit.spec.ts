import { createRemoteJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidTokenError, KeySetUnavailableError, TokenVerifier } from './token-verifier';

const NOW = new Date('2026-03-01T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const SECRET = 'a-secret-that-is-long-enough-for-hs256!';
const RULES = { maxAgeSeconds: 86_400, clockSkewSeconds: 60 };

const verifier = new TokenVerifier(
  { auth: { kind: 'secret', secret: SECRET, isDevSecret: false }, tokenRules: RULES },
  () => NOW,
);

function sign(build: (jwt: SignJWT) => SignJWT, payload: JWTPayload = {}): Promise<string> {
  return build(new SignJWT(payload).setProtectedHeader({ alg: 'HS256' })).sign(
    new TextEncoder().encode(SECRET),
  );
}
const standard = (jwt: SignJWT) =>
  jwt
    .setSubject('ops-1')
    .setIssuedAt(seconds(NOW) - 60)
    .setExpirationTime(seconds(NOW) + 3600);

async function refusal(token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidTokenError)) throw new Error(`not refused: ${String(error)}`);
  return error.message;
}

describe('TokenVerifier: what a bearer token must carry', () => {
  it('accepts a token with sub, exp and a lifetime within the maximum', async () => {
    const payload = await verifier.verify(await sign(standard, { scope: 'read' }));
    expect(payload).toMatchObject({ sub: 'ops-1', scope: 'read', exp: seconds(NOW) + 3600 });
  });

  it.each<[string, (jwt: SignJWT) => SignJWT, RegExp]>([
    [
      'no exp',
      (jwt) => jwt.setSubject('ops-1').setIssuedAt(seconds(NOW) - 60),
      /^The bearer token has no exp claim$/,
    ],
    [
      'no sub',
      (jwt) => jwt.setIssuedAt(seconds(NOW) - 60).setExpirationTime(seconds(NOW) + 60),
      /^The bearer token has no sub claim$/,
    ],
    ['an empty sub', (jwt) => standard(jwt).setSubject(' '), /no sub claim/],
    [
      'iat a year ahead',
      (jwt) =>
        standard(jwt)
          .setIssuedAt(seconds(NOW) + 365 * 86_400)
          .setExpirationTime(seconds(NOW) + 365 * 86_400 + 60),
      /issued in the future/,
    ],
    [
      'iat 61 s ahead',
      (jwt) => standard(jwt).setIssuedAt(seconds(NOW) + 61),
      /issued in the future/,
    ],
    [
      'ten years of validity',
      (jwt) => standard(jwt).setExpirationTime(seconds(NOW) + 10 * 365 * 86_400),
      /valid for longer than 86400 s \(AUTH_MAX_TOKEN_AGE\)/,
    ],
    [
      'no iat and 25 h of validity',
      (jwt) => jwt.setSubject('ops-1').setExpirationTime(seconds(NOW) + 25 * 3600),
      /valid for longer than 86400 s/,
    ],
    [
      'an iat older than the maximum age',
      (jwt) =>
        jwt
          .setSubject('ops-1')
          .setIssuedAt(seconds(NOW) - 2 * 86_400)
          .setExpirationTime(seconds(NOW) + 60),
      /issued more than 86400 s ago/,
    ],
    ['exp 61 s ago', (jwt) => standard(jwt).setExpirationTime(seconds(NOW) - 61), /has expired/],
  ])('refuses a token with %s', async (_case, build, message) => {
    expect(await refusal(await sign(build))).toMatch(message);
  });

  it('forgives clocks that disagree by up to 60 s', async () => {
    const late = await sign((jwt) =>
      jwt
        .setSubject('ops-1')
        .setIssuedAt(seconds(NOW) + 59)
        .setExpirationTime(seconds(NOW) + 3600),
    );
    const early = await sign((jwt) => standard(jwt).setExpirationTime(seconds(NOW) - 59));
    await expect(verifier.verify(late)).resolves.toMatchObject({ sub: 'ops-1' });
    await expect(verifier.verify(early)).resolves.toMatchObject({ sub: 'ops-1' });
  });
});

describe('TokenVerifier in JWKS mode', () => {
  let server: Server;
  let status = 200;
  let body = '';

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  const jwksVerifier = (jwksUrl: string) =>
    new TokenVerifier(
      { auth: { kind: 'jwks', url: jwksUrl }, audience: 'subsync', tokenRules: RULES },
      () => NOW,
      (keys) => createRemoteJWKSet(keys, { timeoutDuration: 1_000 }),
    );

  async function rsToken(): Promise<{ token: string; jwks: string }> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const token = await standard(new SignJWT({ aud: 'subsync' }))
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .sign(privateKey);
    return { token, jwks: JSON.stringify({ keys: [jwk] }) };
  }

  it('verifies against the key set when it answers', async () => {
    const { token, jwks } = await rsToken();
    status = 200;
    body = jwks;
    await expect(jwksVerifier(url()).verify(token)).resolves.toMatchObject({ sub: 'ops-1' });
  });

  it.each<[string, () => string]>([
    ['refuses connections', () => 'http://127.0.0.1:1/jwks'],
    [
      'answers 500',
      () => {
        status = 500;
        body = 'down';
        return url();
      },
    ],
    [
      'answers something that is not a key set',
      () => {
        status = 200;
        body = '{"keys": "no"}';
        return url();
      },
    ],
  ])(
    'says the key set is unavailable (not that the token is bad) when it %s',
    async (_case, at) => {
      const { token } = await rsToken();
      await expect(jwksVerifier(at()).verify(token)).rejects.toBeInstanceOf(KeySetUnavailableError);
    },
  );
});
