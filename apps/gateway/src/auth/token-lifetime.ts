import type { JWTPayload, JWTVerifyOptions } from 'jose';
import type { TokenRules } from '@subsync/config';

/**
 * What jose checks for every token, API bearer tokens and login ID tokens alike: `exp` and
 * `sub` must be there, and `exp`/`nbf` are judged with the configured clock skew.
 */
export function lifetimeOptions(rules: TokenRules, now: Date): JWTVerifyOptions {
  return {
    requiredClaims: ['exp', 'sub'],
    clockTolerance: rules.clockSkewSeconds,
    currentDate: now,
  };
}

/**
 * What jose does not check: an empty `sub`, an `iat` in the future beyond the skew, and a
 * lifetime beyond `AUTH_MAX_TOKEN_AGE` (from `iat`, or from now for a token without one, so no
 * token is good for longer than that). Null when the token passes; otherwise why not.
 */
export function lifetimeRefusal(payload: JWTPayload, now: Date, rules: TokenRules): string | null {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') return 'it has no sub claim';
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const { maxAgeSeconds, clockSkewSeconds } = rules;
  const exp = payload.exp ?? nowSeconds;
  if (payload.iat !== undefined) {
    if (payload.iat > nowSeconds + clockSkewSeconds) return 'it was issued in the future (iat)';
    if (nowSeconds - payload.iat > maxAgeSeconds + clockSkewSeconds) {
      return `it was issued more than ${maxAgeSeconds} s ago (AUTH_MAX_TOKEN_AGE)`;
    }
  }
  const start = payload.iat ?? nowSeconds;
  if (exp - start > maxAgeSeconds + clockSkewSeconds) {
    return `it is valid for longer than ${maxAgeSeconds} s (AUTH_MAX_TOKEN_AGE)`;
  }
  return null;
}
