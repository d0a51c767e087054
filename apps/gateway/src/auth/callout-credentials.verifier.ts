import { createHash, timingSafeEqual } from 'node:crypto';
import type { CalloutCredentials } from '@subsync/config';

/** Checks the Basic credentials a Zuora callout presents against `CALLOUT_USERNAME`/`PASSWORD`. */
export class CalloutCredentialsVerifier {
  private readonly expected: Buffer | null;

  constructor(credentials: CalloutCredentials | null) {
    this.expected = credentials === null ? null : digest(credentials);
  }

  /** False when callout credentials are not configured: callouts then need a bearer token. */
  get configured(): boolean {
    return this.expected !== null;
  }

  /** Compares in constant time, so the answer's timing tells nothing about the credentials. */
  verify(presented: CalloutCredentials): boolean {
    if (this.expected === null) return false;
    return timingSafeEqual(digest(presented), this.expected);
  }
}

// Digests have one length whatever the input, as timingSafeEqual needs. The username never
// holds a colon (RFC 7617), so `username:password` is unambiguous.
function digest({ username, password }: CalloutCredentials): Buffer {
  return createHash('sha256').update(`${username}:${password}`, 'utf8').digest();
}
