import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSecretsKeys } from '@subsync/config';
import { loadOrCreateSecretsKey } from './secrets-key-file';

describe('loadOrCreateSecretsKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsync-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a valid key once, readable by its owner only, and reads the same key after', () => {
    const path = join(dir, 'state', 'secrets.key');
    const first = loadOrCreateSecretsKey(path);
    expect(first.created).toBe(true);
    expect(readSecretsKeys({ SECRETS_KEY: first.key }).current?.key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key);

    expect(loadOrCreateSecretsKey(path)).toEqual({ key: first.key, created: false });
  });
});
