import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretsKey, SecretsKeys } from '@subsync/config';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * `v1:<key id>:<iv>:<ciphertext>:<tag>`, each part base64url. The version and key id say how to
 * open the value, so a new format or a new key can sit beside the old ones.
 */
const SEALED = /^v1:([0-9a-f]{8}):([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]*):([A-Za-z0-9_-]{22})$/;

/** Sealing needs SECRETS_KEY, which is not set. */
export class SecretsKeyMissing extends Error {
  constructor() {
    super('SECRETS_KEY is not configured, so no secret can be sealed');
    this.name = 'SecretsKeyMissing';
  }
}

/** A stored value that cannot be opened: an unknown key, or it was altered. */
export class SecretUnreadable extends Error {
  constructor(reason: string) {
    super(`The stored secret cannot be opened: ${reason}`);
    this.name = 'SecretUnreadable';
  }
}

/** Whether a stored value is a sealed one (anything else is a plaintext left from before). */
export function isSealed(stored: string): boolean {
  return SEALED.test(stored);
}

/**
 * Seals secrets for the database with AES-256-GCM: a random 96-bit IV per value, and the
 * authentication tag checked on opening, so an altered value is refused rather than misread.
 * The `v1:<key id>` header is authenticated too.
 */
export class SecretSealer {
  private readonly keys: SecretsKey[];

  constructor(private readonly config: SecretsKeys) {
    this.keys = [config.current, config.previous].filter((key) => key !== null);
  }

  get canSeal(): boolean {
    return this.config.current !== null;
  }

  seal(plaintext: string): string {
    const key = this.config.current;
    if (key === null) throw new SecretsKeyMissing();
    const iv = randomBytes(IV_BYTES);
    const header = `v1:${key.id}`;
    const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(header));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [header, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  open(stored: string): string {
    const match = SEALED.exec(stored);
    if (match === null) throw new SecretUnreadable('it is not a sealed value');
    const [, keyId, iv, ciphertext, tag] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const key = this.keys.find((candidate) => candidate.id === keyId);
    if (key === undefined) {
      throw new SecretUnreadable(
        this.keys.length === 0
          ? `it was sealed with key ${keyId} and SECRETS_KEY is not configured`
          : `it was sealed with key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key.key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(`v1:${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretUnreadable(`it does not authenticate with key ${keyId} (altered?)`);
    }
  }

  /** A plaintext, or a value sealed with any key but SECRETS_KEY: sealing it again is due. */
  needsSealing(stored: string): boolean {
    const keyId = SEALED.exec(stored)?.[1];
    return keyId === undefined || keyId !== this.config.current?.id;
  }
}
