import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

/**
 * A test identity provider: RS256 keys, a JWKS served over http on 127.0.0.1, and ID tokens
 * signed with the current key. `rotate()` publishes a new key with a new kid and signs with it.
 */
export class TestIdentityProvider {
  /** When the JWKS was last served, to reason about the verifier's refetch cooldown. */
  lastFetchAt = 0;
  fetches = 0;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    readonly jwksUrl: string,
    private keys: SigningKey[],
  ) {}

  static async start(issuer = 'https://idp.e2e.example/'): Promise<TestIdentityProvider> {
    const keys: SigningKey[] = [await newSigningKey('key-1')];
    const holder: { provider?: TestIdentityProvider } = {};
    const server = createServer((request, response) => {
      const provider = holder.provider;
      if (provider === undefined || request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      provider.fetches += 1;
      provider.lastFetchAt = Date.now();
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: provider.publishedKeys() }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = new TestIdentityProvider(
      server,
      issuer,
      `http://127.0.0.1:${port}/jwks.json`,
      keys,
    );
    holder.provider = provider;
    return provider;
  }

  /** Replaces the signing key with a new one under a new kid; only the new key is published. */
  async rotate(): Promise<string> {
    const kid = `key-${this.keys.length + 1}`;
    this.keys = [await newSigningKey(kid)];
    return kid;
  }

  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  /** An ID token signed with the current key (or `options.key`, under the current kid). */
  async idToken(
    options: {
      subject?: string | null;
      issuer?: string;
      audience?: string;
      /** null: no exp claim at all. */
      expiresAt?: number | null;
      issuedAt?: number;
      claims?: Record<string, unknown>;
      key?: KeyLike;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(options.claims ?? {})
      .setProtectedHeader({ alg: 'RS256', kid: this.currentKid })
      .setIssuer(options.issuer ?? this.issuer)
      .setIssuedAt(options.issuedAt ?? now - 5);
    if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? now + 600);
    if (options.subject !== null) jwt.setSubject(options.subject ?? 'user-1');
    if (options.audience !== undefined) jwt.setAudience(options.audience);
    return jwt.sign(options.key ?? this.keys[0]!.privateKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private publishedKeys(): JWK[] {
    return this.keys.map((key) => key.jwk);
  }
}

async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/** A key pair the provider never published: tokens it signs must be refused. */
export async function foreignKey(): Promise<KeyLike> {
  return (await generateKeyPair('RS256')).privateKey;
}
