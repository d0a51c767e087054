import { ConfigError } from './config-error';
import { durationSeconds, optionalList, optionalString, type Env } from './env-readers';

/** How long a token may live and how far clocks may disagree, for API tokens and ID tokens. */
export interface TokenRules {
  /** `AUTH_MAX_TOKEN_AGE`: a token is never accepted for longer than this after it was issued. */
  maxAgeSeconds: number;
  /** `AUTH_CLOCK_SKEW`: tolerance on `exp`, `nbf` and `iat`. */
  clockSkewSeconds: number;
}

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
/** Where operator roles are read from unless `AUTH_ROLES_CLAIM` says otherwise (OAuth 2 scope, then roles). */
export const DEFAULT_ROLES_CLAIMS = ['scope', 'roles'];

export function readTokenRules(env: Env): TokenRules {
  return {
    maxAgeSeconds: optionalDuration(env, 'AUTH_MAX_TOKEN_AGE', DEFAULT_MAX_TOKEN_AGE_SECONDS, {
      min: 60,
      max: 30 * 86_400,
    }),
    clockSkewSeconds: optionalDuration(env, 'AUTH_CLOCK_SKEW', DEFAULT_CLOCK_SKEW_SECONDS, {
      min: 0,
      max: 600,
    }),
  };
}

/** `AUTH_ROLES_CLAIM`: one claim name or several, comma-separated; the roles of all of them count. */
export function readRolesClaims(env: Env): string[] {
  const claims = optionalList(env, 'AUTH_ROLES_CLAIM');
  return claims.length > 0 ? claims : [...DEFAULT_ROLES_CLAIMS];
}

/** A duration in seconds: `3600`, `3600s`, `90m`, `24h` or `1d`. */
export function optionalDuration(
  env: Env,
  name: string,
  fallbackSeconds: number,
  range: { min: number; max: number },
): number {
  const raw = optionalString(env, name);
  if (raw === undefined) return fallbackSeconds;
  const seconds = durationSeconds(raw);
  if (seconds === null || seconds < range.min || seconds > range.max) {
    throw new ConfigError(
      name,
      `must be a duration from ${range.min}s to ${range.max}s, as seconds or with s, m, h or d (got '${raw}')`,
    );
  }
  return seconds;
}
