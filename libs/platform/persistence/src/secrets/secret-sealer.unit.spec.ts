import { randomBytes } from 'node:crypto';
import { secretsKeyId, type SecretsKey } from '@subsync/config';
import { isSealed, SecretSealer, SecretsKeyMissing, SecretUnreadable } from './secret-sealer';

const SECRET = 'shop-hs256-secret-0123456789abcdef';

function newKey(): SecretsKey {
  const key = randomBytes(32);
  return { id: secretsKeyId(key), key };
}

/** Flips one bit of the base64url part `index` (2 IV, 3 ciphertext, 4 tag) of a sealed value. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split(':');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0]! ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('SecretSealer', () => {
  const key = newKey();
  const sealer = new SecretSealer({ current: key, previous: null });

  it('seals into a versioned value naming the key, and opens it again', () => {
    const sealed = sealer.seal(SECRET);
    expect(sealed).toMatch(new RegExp(`^v1:${key.id}:`));
    expect(sealed).not.toContain(SECRET);
    expect(isSealed(sealed)).toBe(true);
    expect(sealer.open(sealed)).toBe(SECRET);
  });

  it('seals the same secret differently each time (a fresh IV)', () => {
    const [a, b] = [sealer.seal(SECRET), sealer.seal(SECRET)];
    expect(a).not.toBe(b);
    expect(a.split(':')[2]).not.toBe(b.split(':')[2]);
    expect([sealer.open(a), sealer.open(b)]).toEqual([SECRET, SECRET]);
  });

  it('round-trips any text, empty and non-ASCII too', () => {
    for (const text of ['', 'ü→✓ 𝄞', 'x'.repeat(4096)]) {
      expect(sealer.open(sealer.seal(text))).toBe(text);
    }
  });

  it.each([
    ['the IV', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])('refuses a value whose %s was altered', (_part, index) => {
    expect(() => sealer.open(tamper(sealer.seal(SECRET), index))).toThrow(SecretUnreadable);
    expect(() => sealer.open(tamper(sealer.seal(SECRET), index))).toThrow(/does not authenticate/);
  });

  it('refuses a value whose key id was swapped for another configured key', () => {
    const other = newKey();
    const both = new SecretSealer({ current: key, previous: other });
    const relabelled = both.seal(SECRET).replace(`v1:${key.id}:`, `v1:${other.id}:`);
    expect(() => both.open(relabelled)).toThrow(/does not authenticate/);
  });

  it('refuses a value sealed with another key, naming that key', () => {
    const stranger = new SecretSealer({ current: newKey(), previous: null });
    const sealed = stranger.seal(SECRET);
    expect(() => sealer.open(sealed)).toThrow(SecretUnreadable);
    expect(() => sealer.open(sealed)).toThrow(
      `sealed with key ${sealed.split(':')[1]}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`,
    );
  });

  it('refuses a plaintext or a malformed value', () => {
    expect(() => sealer.open(SECRET)).toThrow(/not a sealed value/);
    expect(() => sealer.open(`v1:${key.id}:short:x:y`)).toThrow(/not a sealed value/);
    expect(isSealed(SECRET)).toBe(false);
  });

  it('opens what the previous key sealed, and seals only with the current one', () => {
    const old = newKey();
    const sealedBefore = new SecretSealer({ current: old, previous: null }).seal(SECRET);
    const rotating = new SecretSealer({ current: key, previous: old });
    expect(rotating.open(sealedBefore)).toBe(SECRET);
    expect(rotating.needsSealing(sealedBefore)).toBe(true);
    const resealed = rotating.seal(SECRET);
    expect(resealed.split(':')[1]).toBe(key.id);
    expect(rotating.needsSealing(resealed)).toBe(false);
    expect(rotating.needsSealing(SECRET)).toBe(true);
  });

  it('without SECRETS_KEY, seals nothing and says why it cannot open', () => {
    const keyless = new SecretSealer({ current: null, previous: null });
    expect(keyless.canSeal).toBe(false);
    expect(() => keyless.seal(SECRET)).toThrow(SecretsKeyMissing);
    expect(() => keyless.open(sealer.seal(SECRET))).toThrow(/SECRETS_KEY is not configured/);
  });
});
