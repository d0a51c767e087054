import { randomBytes } from 'node:crypto';
import { ConfigError } from './config-error';
import { readSecretsKeys, secretsKeyId } from './secrets-config';

const bytes = randomBytes(32);

describe('readSecretsKeys', () => {
  it('has no keys when SECRETS_KEY is unset or blank', () => {
    expect(readSecretsKeys({})).toEqual({ current: null, previous: null });
    expect(readSecretsKeys({ SECRETS_KEY: '  ' })).toEqual({ current: null, previous: null });
  });

  it.each([
    ['base64', bytes.toString('base64')],
    ['base64 without padding', bytes.toString('base64').replace(/=$/, '')],
    ['URL-safe base64', bytes.toString('base64url')],
    ['hex', bytes.toString('hex')],
    ['upper-case hex', bytes.toString('hex').toUpperCase()],
  ])('reads a key written as %s', (_format, written) => {
    const { current } = readSecretsKeys({ SECRETS_KEY: written });
    expect(current?.key.equals(bytes)).toBe(true);
    expect(current?.id).toBe(secretsKeyId(bytes));
    expect(current?.id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reads the previous key beside the current one, each with its own id', () => {
    const previous = randomBytes(32);
    const keys = readSecretsKeys({
      SECRETS_KEY: bytes.toString('base64'),
      SECRETS_KEY_PREVIOUS: previous.toString('hex'),
    });
    expect(keys.previous?.key.equals(previous)).toBe(true);
    expect(keys.previous?.id).not.toBe(keys.current?.id);
  });

  it.each([
    ['a passphrase', 'correct horse battery staple'],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['48 bytes of base64', randomBytes(48).toString('base64')],
    ['63 hex digits', bytes.toString('hex').slice(1)],
  ])('refuses %s, naming the variable and never the value', (_case, written) => {
    let error: unknown;
    try {
      readSecretsKeys({ SECRETS_KEY: written });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    expect(message).toMatch(/^Invalid configuration: SECRETS_KEY must be 32 random bytes/);
    expect(message).not.toContain(written);
  });

  it('refuses SECRETS_KEY_PREVIOUS without SECRETS_KEY', () => {
    expect(() => readSecretsKeys({ SECRETS_KEY_PREVIOUS: bytes.toString('base64') })).toThrow(
      /SECRETS_KEY is required when SECRETS_KEY_PREVIOUS is set/,
    );
  });

  it('checks SECRETS_KEY_PREVIOUS as strictly', () => {
    expect(() =>
      readSecretsKeys({ SECRETS_KEY: bytes.toString('base64'), SECRETS_KEY_PREVIOUS: 'short' }),
    ).toThrow(/SECRETS_KEY_PREVIOUS must be 32 random bytes/);
  });
});
