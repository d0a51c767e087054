import { ConfigError } from './config-error';
import { durationSeconds, optionalString, type Env } from './env-readers';

/** At most `failures` failed attempts within `windowSeconds`; the next ones are answered 429. */
export interface FailureLimit {
  failures: number;
  windowSeconds: number;
}

/** A limit per client address and one over all addresses; null where `off`. */
export interface FailureLimits {
  perAddress: FailureLimit | null;
  global: FailureLimit | null;
}

/**
 * Throttles on the two doors a stranger can knock on: the public login intake and the Basic
 * credentials of Zuora callouts. Only failures count, so a caller that succeeds is never slowed.
 */
export interface ThrottleConfig {
  login: FailureLimits;
  callout: FailureLimits;
  /** Express's `trust proxy` (`GATEWAY_TRUST_PROXY`): which hops may name the client address. */
  trustProxy: boolean | number | string;
}

export const DEFAULT_THROTTLES = {
  THROTTLE_LOGIN_PER_ADDRESS: '30/1m',
  THROTTLE_LOGIN_GLOBAL: '600/1m',
  THROTTLE_CALLOUT_PER_ADDRESS: '10/1m',
  THROTTLE_CALLOUT_GLOBAL: '100/1m',
} as const;

type ThrottleVariable = keyof typeof DEFAULT_THROTTLES;

export function readThrottleConfig(env: Env): ThrottleConfig {
  return {
    login: {
      perAddress: failureLimit(env, 'THROTTLE_LOGIN_PER_ADDRESS'),
      global: failureLimit(env, 'THROTTLE_LOGIN_GLOBAL'),
    },
    callout: {
      perAddress: failureLimit(env, 'THROTTLE_CALLOUT_PER_ADDRESS'),
      global: failureLimit(env, 'THROTTLE_CALLOUT_GLOBAL'),
    },
    trustProxy: trustProxy(env),
  };
}

/** `<failures>/<window>` (`30/1m`, `5/10s`, `1000/1h`) or `off`. */
function failureLimit(env: Env, name: ThrottleVariable): FailureLimit | null {
  const raw = optionalString(env, name) ?? DEFAULT_THROTTLES[name];
  if (raw.toLowerCase() === 'off') return null;
  const [count, window, extra] = raw.split('/');
  const failures = Number(count);
  const windowSeconds = window === undefined ? null : durationSeconds(window);
  if (
    extra !== undefined ||
    !Number.isInteger(failures) ||
    failures < 1 ||
    windowSeconds === null ||
    windowSeconds < 1 ||
    windowSeconds > 86_400
  ) {
    throw new ConfigError(
      name,
      `must be <failures>/<window> with a window from 1s to 1d, e.g. 30/1m, or off (got '${raw}')`,
    );
  }
  return { failures, windowSeconds };
}

/**
 * Unset or `false`: the client address is the socket's peer. `true` trusts every hop (only
 * behind a proxy that overwrites X-Forwarded-For), a number trusts that many hops, anything
 * else is Express's list of trusted proxy addresses (`loopback`, `10.0.0.0/8`, ...).
 */
function trustProxy(env: Env): boolean | number | string {
  const raw = optionalString(env, 'GATEWAY_TRUST_PROXY');
  if (raw === undefined || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  return raw;
}
