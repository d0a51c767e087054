import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  type KeyLike,
  SignJWT,
} from 'jose';
import type { AuthProviderConfig } from '@subsync/domain';
import {
  type FindProviderByIssuer,
  IdTokenVerifier,
  type KeySetFactory,
  KeysUnavailable,
} from './id-token.verifier';

const NOW = new Date('2025-06-01T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const SECRET = 'an-hs256-secret-that-is-32-chars-long!';

const hsProvider: AuthProviderConfig = {
  id: 'shop',
  issuer: 'https://shop.example.com/',
  jwksUrl: null,
  secret: SECRET,
  audience: 'self-service',
  identityClaims: [],
};
const jwksProvider: AuthProviderConfig = {
  id: 'okta',
  issuer: 'https://okta.example.com/',
  jwksUrl: 'https://okta.example.com/keys',
  secret: null,
  audience: null,
  identityClaims: [],
};

const findIn =
  (...providers: AuthProviderConfig[]): FindProviderByIssuer =>
  (issuer) =>
    Promise.resolve(providers.find((p) => p.issuer === issuer) ?? null);

function claims(issuer: string, extra: JWTPayload = {}): SignJWT {
  return new SignJWT({ email: 'ada@example.com', ...extra })
    .setIssuer(issuer)
    .setSubject('user-1')
    .setIssuedAt(seconds(NOW) - 60)
    .setExpirationTime(seconds(NOW) + 3600);
}

const hsToken = (jwt: SignJWT, secret = SECRET) =>
  jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

describe('IdTokenVerifier with an HS256 provider', () => {
  const verifier = new IdTokenVerifier(findIn(hsProvider));

  it('accepts a valid token and hands back the verified payload', async () => {
    const token = await hsToken(claims(hsProvider.issuer).setAudience('self-service'));
    const result = await verifier.verify(token, NOW);
    expect(result).toEqual({
      ok: true,
      token: {
        provider: hsProvider,
        issuer: hsProvider.issuer,
        subject: 'user-1',
        claims: expect.objectContaining({
          iss: hsProvider.issuer,
          sub: 'user-1',
          aud: 'self-service',
          email: 'ada@example.com',
        }) as unknown,
      },
    });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['garbage', () => Promise.resolve('not-a-jwt'), /not a JWT/],
    [
      'a token without iss',
      () =>
        new SignJWT({})
          .setSubject('user-1')
          .setExpirationTime(seconds(NOW) + 60)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(SECRET)),
      /no iss claim/,
    ],
    [
      'an unknown issuer',
      () => hsToken(claims('https://evil.example.com/').setAudience('self-service')),
      /No authentication provider is configured for issuer 'https:\/\/evil\.example\.com\/'/,
    ],
    [
      'an expired token',
      () =>
        hsToken(
          claims(hsProvider.issuer)
            .setAudience('self-service')
            .setExpirationTime(seconds(NOW) - 61),
        ),
      /has expired/,
    ],
    [
      'a token not yet valid',
      () =>
        hsToken(
          claims(hsProvider.issuer)
            .setAudience('self-service')
            .setNotBefore(seconds(NOW) + 600),
        ),
      /nbf claim is not valid/,
    ],
    [
      'a wrong secret',
      () =>
        hsToken(
          claims(hsProvider.issuer).setAudience('self-service'),
          'another-secret-that-is-also-32-chars!!',
        ),
      /signature does not verify/,
    ],
    [
      'a wrong audience',
      () => hsToken(claims(hsProvider.issuer).setAudience('someone-else')),
      /aud claim is not valid/,
    ],
    ['a missing audience', () => hsToken(claims(hsProvider.issuer)), /no aud claim/],
    [
      'a token without exp',
      () =>
        new SignJWT({ aud: 'self-service' })
          .setIssuer(hsProvider.issuer)
          .setSubject('user-1')
          .setIssuedAt(seconds(NOW) - 60)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(SECRET)),
      /no exp claim/,
    ],
    [
      'a token issued a year ahead',
      () =>
        hsToken(
          claims(hsProvider.issuer)
            .setAudience('self-service')
            .setIssuedAt(seconds(NOW) + 365 * 86_400)
            .setExpirationTime(seconds(NOW) + 365 * 86_400 + 3600),
        ),
      /issued in the future/,
    ],
    [
      'a token valid for longer than the maximum age',
      () =>
        hsToken(
          claims(hsProvider.issuer)
            .setAudience('self-service')
            .setExpirationTime(seconds(NOW) + 25 * 3600),
        ),
      /valid for longer than 86400 s/,
    ],
    [
      'a token with an empty sub',
      () => hsToken(claims(hsProvider.issuer).setAudience('self-service').setSubject('')),
      /no sub claim/,
    ],
    [
      'a token without sub',
      () =>
        new SignJWT({ aud: 'self-service' })
          .setIssuer(hsProvider.issuer)
          .setExpirationTime(seconds(NOW) + 60)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(SECRET)),
      /no sub claim/,
    ],
  ])('refuses %s', async (_case, token, message) => {
    const result = await verifier.verify(await token(), NOW);
    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(message),
    });
  });

  it('forgives clocks that disagree by up to the skew', async () => {
    const token = await hsToken(
      claims(hsProvider.issuer)
        .setAudience('self-service')
        .setIssuedAt(seconds(NOW) + 50)
        .setExpirationTime(seconds(NOW) - 50),
    );
    expect(await verifier.verify(token, NOW)).toMatchObject({ ok: true });
  });

  it('applies the configured maximum age and skew', async () => {
    const strict = new IdTokenVerifier(findIn(hsProvider), undefined, {
      maxAgeSeconds: 600,
      clockSkewSeconds: 0,
    });
    const hourLong = await hsToken(claims(hsProvider.issuer).setAudience('self-service'));
    expect(await strict.verify(hourLong, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'The ID token is not valid: it is valid for longer than 600 s (AUTH_MAX_TOKEN_AGE)',
    });
    const justExpired = await hsToken(
      claims(hsProvider.issuer)
        .setAudience('self-service')
        .setExpirationTime(seconds(NOW) - 1),
    );
    expect(await strict.verify(justExpired, NOW)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('refuses every token when no provider is configured', async () => {
    const none = new IdTokenVerifier(findIn());
    const token = await hsToken(claims(hsProvider.issuer));
    expect(await none.verify(token, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
      message: `No authentication provider is configured for issuer '${hsProvider.issuer}'`,
    });
  });
});

describe('IdTokenVerifier with a JWKS provider', () => {
  let rsa: { publicKey: KeyLike; privateKey: KeyLike };
  let ec: { publicKey: KeyLike; privateKey: KeyLike };
  let keys: JWK[];

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' },
    ];
  });

  /** A key set over whatever `keys` holds when a token is verified, counting its creations. */
  function localKeySets() {
    const created: string[] = [];
    const factory: KeySetFactory = (url) => {
      created.push(url.href);
      return (header, token) => createLocalJWKSet({ keys })(header, token);
    };
    return { created, factory };
  }

  const signed = (
    alg: 'RS256' | 'ES256',
    kid: string,
    key: KeyLike,
    jwt = claims(jwksProvider.issuer),
  ) => jwt.setProtectedHeader({ alg, kid }).sign(key);

  it('accepts RS256 and ES256 tokens and creates one key set per URL', async () => {
    const { created, factory } = localKeySets();
    const verifier = new IdTokenVerifier(findIn(jwksProvider), factory);
    const first = await verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey), NOW);
    const second = await verifier.verify(await signed('ES256', 'ec-1', ec.privateKey), NOW);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(created).toEqual([jwksProvider.jwksUrl]);
  });

  it('refuses a token signed by another key under a known kid', async () => {
    const other = await generateKeyPair('RS256');
    const verifier = new IdTokenVerifier(findIn(jwksProvider), localKeySets().factory);
    const result = await verifier.verify(await signed('RS256', 'rsa-1', other.privateKey), NOW);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!result.ok && result.message).toMatch(/signature does not verify/);
  });

  it('refuses a token whose kid the JWKS does not hold', async () => {
    const verifier = new IdTokenVerifier(findIn(jwksProvider), localKeySets().factory);
    const result = await verifier.verify(await signed('RS256', 'rsa-9', rsa.privateKey), NOW);
    expect(!result.ok && result.message).toMatch(/No key of authentication provider 'okta'/);
  });

  it('refuses an HS256 token for a JWKS provider (no algorithm confusion)', async () => {
    const verifier = new IdTokenVerifier(findIn(jwksProvider), localKeySets().factory);
    const result = await verifier.verify(await hsToken(claims(jwksProvider.issuer)), NOW);
    expect(!result.ok && result.message).toMatch(/signing algorithm is not accepted/);
  });

  it('says the keys are unavailable when the JWKS cannot be fetched', async () => {
    const unreachable: KeySetFactory = () => () =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }));
    const verifier = new IdTokenVerifier(findIn(jwksProvider), unreachable);
    const result = await verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey), NOW);
    expect(result).toEqual({
      ok: false,
      reason: 'unavailable',
      message: expect.stringMatching(
        /could not be fetched .*fetch failed: ECONNREFUSED/,
      ) as unknown,
    });
  });
});

describe('IdTokenVerifier when the provider cannot be read', () => {
  it("says the keys are unavailable when the provider's secret cannot be opened", async () => {
    const sealedAway: FindProviderByIssuer = () =>
      Promise.reject(new KeysUnavailable("The HS256 secret of 'shop' cannot be used"));
    const result = await new IdTokenVerifier(sealedAway).verify(
      await hsToken(claims(hsProvider.issuer)),
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'unavailable',
      message: "The HS256 secret of 'shop' cannot be used",
    });
  });

  it('lets any other failure of the lookup through', async () => {
    const broken: FindProviderByIssuer = () => Promise.reject(new Error('connection lost'));
    await expect(
      new IdTokenVerifier(broken).verify(await hsToken(claims(hsProvider.issuer)), NOW),
    ).rejects.toThrow('connection lost');
  });
});
