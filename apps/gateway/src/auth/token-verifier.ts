import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from '@subsync/config';

export class InvalidTokenError extends Error {}

/** Verifies API bearer tokens: HS256 with a shared secret, or RS256/ES256 against a JWKS. */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly config: Pick<GatewayConfig, 'auth' | 'issuer' | 'audience'>) {
    if (config.auth.kind === 'secret') {
      this.key = new TextEncoder().encode(config.auth.secret);
      this.algorithms = ['HS256'];
    } else {
      this.key = createRemoteJWKSet(new URL(config.auth.url));
      this.algorithms = ['RS256', 'ES256'];
    }
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      const options = {
        algorithms: this.algorithms,
        ...(this.config.issuer !== undefined ? { issuer: this.config.issuer } : {}),
        ...(this.config.audience !== undefined ? { audience: this.config.audience } : {}),
      };
      const { payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, options)
          : await jwtVerify(token, this.key, options);
      return payload;
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new InvalidTokenError('The bearer token has expired');
      if (error instanceof errors.JOSEError)
        throw new InvalidTokenError(`The bearer token is not valid: ${error.message}`);
      throw error;
    }
  }
}
