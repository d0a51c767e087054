import { randomUUID } from 'node:crypto';
import { randomHex } from '../util/ids';

export interface TokenGrant {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  jti: string;
}

/** Bearer tokens issued by `/oauth/token`, each valid for `ttlSeconds`. */
export class TokenRegistry {
  private tokens = new Map<string, number>(); // token -> expiry (epoch ms)
  private readonly scope = `user.${randomHex(16)} entity.${randomUUID()} service.echo.read tenant.19`;

  constructor(
    private readonly ttlSeconds: number,
    private readonly clock: () => Date,
  ) {}

  issue(): TokenGrant {
    const now = this.clock().getTime();
    this.prune(now);
    const token = randomHex(16);
    this.tokens.set(token, now + this.ttlSeconds * 1000);
    return {
      access_token: token,
      token_type: 'bearer',
      expires_in: this.ttlSeconds,
      scope: this.scope,
      jti: randomHex(16),
    };
  }

  verify(token: string): 'valid' | 'expired' | 'unknown' {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'unknown';
    return this.clock().getTime() < expiresAt ? 'valid' : 'expired';
  }

  /** Expires every token issued so far; returns how many were still valid. */
  expireAll(): number {
    const now = this.clock().getTime();
    let live = 0;
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt > now) live += 1;
      this.tokens.set(token, now);
    }
    return live;
  }

  /** Expired tokens are kept for an hour so they are told apart from unknown ones, then dropped. */
  private prune(now: number): void {
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt + 3_600_000 < now) this.tokens.delete(token);
    }
  }
}
