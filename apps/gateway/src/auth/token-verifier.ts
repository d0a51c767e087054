import { Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { GatewayConfig } from '@subsync/config';
import { lifetimeOptions, lifetimeRefusal } from './token-lifetime';

export class InvalidTokenError extends Error {}

/** The JWKS could not be fetched, so nothing can be said about the token yet (503). */
export class KeySetUnavailableError extends Error {}

export type TokenVerifierConfig = Pick<
  GatewayConfig,
  'auth' | 'issuer' | 'audience' | 'tokenRules'
>;

/**
 * Verifies API bearer tokens: HS256 with a shared secret, or RS256/ES256 against a JWKS; then
 * the issuer and audience when configured, and the token rules (exp and sub required, lifetime,
 * clock skew, iat not in the future).
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    private readonly config: TokenVerifierConfig,
    private readonly now: () => Date = () => new Date(),
    keySetFor: (url: URL) => JWTVerifyGetKey = (url) =>
      createRemoteJWKSet(url, { cooldownDuration: 5_000, timeoutDuration: 5_000 }),
  ) {
    if (config.auth.kind === 'secret') {
      this.key = new TextEncoder().encode(config.auth.secret);
      this.algorithms = ['HS256'];
    } else {
      this.key = keySetFor(new URL(config.auth.url));
      this.algorithms = ['RS256', 'ES256'];
    }
  }

  async verify(token: string): Promise<JWTPayload> {
    const now = this.now();
    const options: JWTVerifyOptions = {
      algorithms: this.algorithms,
      ...lifetimeOptions(this.config.tokenRules, now),
      ...(this.config.issuer !== undefined ? { issuer: this.config.issuer } : {}),
      ...(this.config.audience !== undefined ? { audience: this.config.audience } : {}),
    };
    let payload: JWTPayload;
    try {
      payload = (
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options)
      ).payload;
    } catch (error) {
      throw refusalOf(error, !(this.key instanceof Uint8Array));
    }
    const refusal = lifetimeRefusal(payload, now, this.config.tokenRules);
    if (refusal !== null) throw new InvalidTokenError(`The bearer token is not valid: ${refusal}`);
    return payload;
  }
}

function refusalOf(error: unknown, usesKeySet: boolean): Error {
  if (usesKeySet && isKeySetFailure(error)) return new KeySetUnavailableError(detailOf(error));
  if (error instanceof errors.JWTExpired)
    return new InvalidTokenError('The bearer token has expired');
  if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing') {
    return new InvalidTokenError(`The bearer token has no ${error.claim} claim`);
  }
  if (error instanceof errors.JOSEError) {
    return new InvalidTokenError(`The bearer token is not valid: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Fetching the JWKS failed: a network error (not a JOSE error at all), a timeout, a key set that
 * is not JSON, or jose's generic error for a response that is not 200.
 */
function isKeySetFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) {
    return error.code === 'ERR_JOSE_GENERIC' && error.message.includes('JSON Web Key Set');
  }
  return true;
}

function detailOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
