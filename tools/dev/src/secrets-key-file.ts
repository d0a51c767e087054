import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The SECRETS_KEY of `npm start` when none is set: made once, then read from `path`, so the
 * secrets sealed in the local database stay readable across restarts.
 */
export function loadOrCreateSecretsKey(path: string): { key: string; created: boolean } {
  try {
    return { key: readFileSync(path, 'utf8').trim(), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(dirname(path), { recursive: true });
  // Owner-only, and never over a file another start wrote meanwhile.
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}
