import { createHash, randomBytes, randomUUID } from 'node:crypto';

// Zuora object ids are 32 lower-case hex characters (e.g. `8a8082c45aa81b51015ad68743ec0fdb`).
const ID_PREFIX = '8ad0';

/** A deterministic id for seeded objects, so the demo data keeps the same ids across restarts. */
export function stableZuoraId(label: string): string {
  return ID_PREFIX + createHash('sha256').update(label).digest('hex').slice(0, 28);
}

export function randomZuoraId(): string {
  return ID_PREFIX + randomBytes(14).toString('hex');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** `Zuora-Request-Id`: 36 characters. */
export function zuoraRequestId(): string {
  return randomUUID();
}

/** `processId` in error envelopes: 16 upper-case hex characters. */
export function zuoraProcessId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
