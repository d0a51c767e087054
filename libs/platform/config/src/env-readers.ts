import { ConfigError } from './config-error';

// Small typed readers for environment variables. Each names the variable in its error.
export type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function optionalString(env: Env, name: string): string | undefined {
  return present(env, name);
}

export function requiredString(env: Env, name: string): string {
  const value = present(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required');
  return value;
}

export function optionalInt(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(
      name,
      `must be an integer from ${range.min} to ${range.max} (got '${raw}')`,
    );
  }
  return value;
}

/** `true` or `false`; unset is `fallback`. */
const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];

/** `true`/`false`, and the usual spellings of them (`1`/`0`, `yes`/`no`, `on`/`off`), any case. */
export function optionalBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got '${raw}')`);
}

export function optionalUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (got '${raw}')`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got '${url.protocol}')`);
  }
  return raw.replace(/\/+$/, '');
}

export function optionalList(env: Env, name: string): string[] {
  const raw = present(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function brokerList(env: Env, name: string): string[] | undefined {
  const raw = present(env, name);
  if (raw === undefined) return undefined;
  const brokers = optionalList(env, name);
  const bad = brokers.find((broker) => !/^[^\s:/]+:\d{1,5}$/.test(broker));
  if (brokers.length === 0 || bad !== undefined) {
    throw new ConfigError(name, `must be comma-separated host:port pairs (got '${raw}')`);
  }
  return brokers;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `3600`, `3600s`, `90m`, `24h` or `1d` in seconds; null when it is none of those. */
export function durationSeconds(raw: string): number | null {
  const match = /^(\d{1,9})\s*([smhd]?)$/i.exec(raw.trim());
  if (match === null) return null;
  return Number(match[1]) * (UNIT_SECONDS[(match[2] ?? '').toLowerCase()] ?? 1);
}
