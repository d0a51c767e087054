import { createHash } from 'node:crypto';
import { ConfigError } from './config-error';
import { optionalString, type Env } from './env-readers';

/** A 256-bit key that seals secrets at rest, and the short id sealed values name it by. */
export interface SecretsKey {
  /** 8 hex digits of the key's SHA-256: tells which key sealed a value, reveals nothing of it. */
  id: string;
  key: Buffer;
}

/**
 * `SECRETS_KEY` seals new values; `SECRETS_KEY_PREVIOUS` (during a rotation) still opens what
 * the old key sealed. Both null: nothing can be sealed or opened.
 */
export interface SecretsKeys {
  current: SecretsKey | null;
  previous: SecretsKey | null;
}

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet; 32 bytes are 43 characters and one optional '=' of padding.
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

export function readSecretsKeys(env: Env): SecretsKeys {
  const current = readKey(env, 'SECRETS_KEY');
  const previous = readKey(env, 'SECRETS_KEY_PREVIOUS');
  if (current === null && previous !== null) {
    throw new ConfigError(
      'SECRETS_KEY',
      'is required when SECRETS_KEY_PREVIOUS is set (the new key seals, the previous one only opens)',
    );
  }
  return { current, previous };
}

/** The key id of raw key bytes; exported for tests and tools that build keys themselves. */
export function secretsKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function readKey(env: Env, name: string): SecretsKey | null {
  const raw = optionalString(env, name);
  if (raw === undefined) return null;
  // The value is a secret: the error never repeats it.
  const key = HEX_KEY.test(raw)
    ? Buffer.from(raw, 'hex')
    : BASE64_KEY.test(raw)
      ? Buffer.from(raw, 'base64') // Node reads either alphabet
      : null;
  if (key?.length !== KEY_BYTES) {
    throw new ConfigError(
      name,
      `must be ${KEY_BYTES} random bytes written as base64 (44 characters, e.g. from 'openssl rand -base64 32') or as 64 hex digits`,
    );
  }
  return { id: secretsKeyId(key), key };
}
