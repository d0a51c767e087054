import { Injectable } from '@nestjs/common';
import {
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { GatewayConfig } from '@subsync/config';
import { remoteKeySet } from '../identity/id-token.verifier';
import { failureDetail, isKeySetFailure } from './key-set-failure';
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
    keySetFor: (url: URL) => JWTVerifyGetKey = remoteKeySet,
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
  if (usesKeySet && isKeySetFailure(error)) return new KeySetUnavailableError(failureDetail(error));
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
