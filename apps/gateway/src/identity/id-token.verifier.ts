import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  type TokenRules,
} from '@subsync/config';
import type { AuthProviderConfig } from '@subsync/domain';
import { failureDetail } from '../auth/key-set-failure';
import { lifetimeOptions, lifetimeRefusal } from '../auth/token-lifetime';

/** A verified ID token: its provider and its payload, which has an issuer and a subject. */
export interface VerifiedIdToken {
  provider: AuthProviderConfig;
  issuer: string;
  subject: string;
  claims: JWTPayload;
}

/**
 * `invalid`: the token is not acceptable (the caller gets 401). `unavailable`: the provider's
 * keys could not be fetched, so nothing can be said about the token yet.
 */
export type IdTokenVerification =
  | { ok: true; token: VerifiedIdToken }
  | { ok: false; reason: 'invalid' | 'unavailable'; message: string };

/** The provider of an issuer, its secret in the clear; throws KeysUnavailable when it cannot be. */
export type FindProviderByIssuer = (issuer: string) => Promise<AuthProviderConfig | null>;
export type KeySetFactory = (url: URL, options?: { agent?: unknown }) => JWTVerifyGetKey;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256'];
const SYMMETRIC_ALGORITHMS = ['HS256'];

/**
 * Keys are cached for 10 minutes. A token with an unknown `kid` (the IdP rotated its keys)
 * refetches the JWKS, at most once per 5 s per URL, so forged kids cannot flood the IdP.
 */
export const remoteKeySet: KeySetFactory = (url, options = {}) =>
  createRemoteJWKSet(url, { cooldownDuration: 5_000, timeoutDuration: 5_000, ...options });

/**
 * Verifies the ID token of a login against the configured authentication provider of its
 * issuer: the signature (JWKS for RS256/ES256, or the provider's HS256 secret), the issuer,
 * the audience when configured, and the token rules at `now` (exp and sub required, lifetime
 * within AUTH_MAX_TOKEN_AGE, iat not in the future, exp/nbf within the clock skew).
 */
export class IdTokenVerifier {
  /** One key set per JWKS URL, so its keys are cached across logins. */
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(
    private readonly findProvider: FindProviderByIssuer,
    private readonly keySetFor: KeySetFactory = remoteKeySet,
    private readonly rules: TokenRules = {
      maxAgeSeconds: DEFAULT_MAX_TOKEN_AGE_SECONDS,
      clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS,
    },
  ) {}

  async verify(idToken: string, now: Date): Promise<IdTokenVerification> {
    // Unverified: the issuer only chooses which provider's keys to verify with.
    let issuer: unknown;
    try {
      issuer = decodeJwt(idToken).iss;
    } catch {
      return invalid('The ID token is not a JWT');
    }
    if (typeof issuer !== 'string' || issuer === '')
      return invalid('The ID token has no iss claim');
    let provider: AuthProviderConfig | null;
    try {
      provider = await this.findProvider(issuer);
    } catch (error) {
      // The provider's stored secret cannot be opened (see the lookup): not the token's fault.
      if (error instanceof KeysUnavailable) {
        return { ok: false, reason: 'unavailable', message: error.message };
      }
      throw error;
    }
    if (provider === null) {
      return invalid(`No authentication provider is configured for issuer '${issuer}'`);
    }

    let claims: JWTPayload;
    try {
      claims = await this.verifyWith(provider, idToken, now);
    } catch (error) {
      return refusalOf(error, provider);
    }
    const refusal = lifetimeRefusal(claims, now, this.rules);
    if (refusal !== null || typeof claims.sub !== 'string') {
      return invalid(`The ID token is not valid: ${refusal ?? 'it has no sub claim'}`);
    }
    return { ok: true, token: { provider, issuer, subject: claims.sub, claims } };
  }

  private async verifyWith(
    provider: AuthProviderConfig,
    idToken: string,
    now: Date,
  ): Promise<JWTPayload> {
    const options: JWTVerifyOptions = {
      ...lifetimeOptions(this.rules, now),
      issuer: provider.issuer,
      ...(provider.audience !== null ? { audience: provider.audience } : {}),
    };
    if (provider.secret !== null) {
      const secret = new TextEncoder().encode(provider.secret);
      return (await jwtVerify(idToken, secret, { ...options, algorithms: SYMMETRIC_ALGORITHMS }))
        .payload;
    }
    if (provider.jwksUrl === null) {
      throw new Error(`Provider '${provider.id}' has neither a JWKS URL nor a secret`);
    }
    const keySet = this.keySetOf(provider.jwksUrl);
    try {
      return (await jwtVerify(idToken, keySet, { ...options, algorithms: ASYMMETRIC_ALGORITHMS }))
        .payload;
    } catch (error) {
      // Not a JOSE error: fetching the JWKS failed (connection refused, DNS, ...).
      if (!(error instanceof errors.JOSEError)) throw new KeysUnavailable(failureDetail(error));
      throw error;
    }
  }

  private keySetOf(url: string): JWTVerifyGetKey {
    let keySet = this.keySets.get(url);
    if (keySet === undefined) {
      keySet = this.keySetFor(new URL(url));
      this.keySets.set(url, keySet);
    }
    return keySet;
  }
}

/** The provider's keys cannot be had: its JWKS cannot be fetched, or its secret not opened. */
export class KeysUnavailable extends Error {}

const invalid = (message: string): IdTokenVerification => ({
  ok: false,
  reason: 'invalid',
  message,
});

function refusalOf(error: unknown, provider: AuthProviderConfig): IdTokenVerification {
  const keysUnavailable = (detail: string): IdTokenVerification => ({
    ok: false,
    reason: 'unavailable',
    message: `The keys of authentication provider '${provider.id}' could not be fetched from ${provider.jwksUrl ?? '?'}: ${detail}`,
  });
  if (error instanceof KeysUnavailable) return keysUnavailable(error.message);
  if (error instanceof errors.JWKSTimeout) return keysUnavailable('the request timed out');
  if (error instanceof errors.JWKSInvalid) return keysUnavailable(error.message);
  if (error instanceof errors.JWTExpired) return invalid('The ID token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return invalid(
      `The ID token's signature does not verify with the keys of authentication provider '${provider.id}'`,
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return invalid(
      `No key of authentication provider '${provider.id}' matches the ID token (unknown kid or key type)`,
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    const accepted = provider.secret !== null ? SYMMETRIC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
    return invalid(
      `The ID token's signing algorithm is not accepted for this provider (accepted: ${accepted.join(', ')})`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing') {
    return invalid(`The ID token has no ${error.claim} claim`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return invalid(`The ID token's ${error.claim} claim is not valid: ${error.message}`);
  }
  if (error instanceof errors.JOSEError) {
    // The generic error is jose's report of a JWKS response that is not 200 or not JSON.
    if (error.code === 'ERR_JOSE_GENERIC' && error.message.includes('JSON Web Key Set')) {
      return keysUnavailable(error.message);
    }
    return invalid(`The ID token is not valid: ${error.message}`);
  }
  throw error;
}
