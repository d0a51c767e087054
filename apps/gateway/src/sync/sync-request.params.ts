import { BadRequestException } from '@nestjs/common';

const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subscription id, reference, or Zuora number/id: letters, digits and `. _ : -`, at most 255. */
export function parseSubscriptionRef(raw: string): string {
  const ref = raw.trim();
  if (!REF_PATTERN.test(ref)) {
    throw new BadRequestException(
      `'${raw.slice(0, 80)}' is not a subscription id: use a platform id (sub-…), a reference, or a Zuora subscription number or id`,
    );
  }
  return ref;
}

/** RFC 7240: `Prefer: respond-async` asks for 202 at once instead of waiting. */
export function prefersAsync(prefer: string | undefined): boolean {
  return (prefer ?? '')
    .split(',')
    .some(
      (preference) => preference.trim().toLowerCase().split(';')[0]?.trim() === 'respond-async',
    );
}

/** Reuses the caller's correlation id when it sent a valid one. */
export function correlationIdFrom(header: string | undefined): string {
  return header !== undefined && UUID_PATTERN.test(header)
    ? header.toLowerCase()
    : globalThis.crypto.randomUUID();
}

const CALLER_TRIGGERS = ['api', 'ui'] as const;

/**
 * `X-Sync-Trigger` lets a caller say where the sync was asked for: `ui` for the console's Sync
 * button, `api` (the default) for everyone else. Callouts and hot syncs are told apart otherwise.
 */
export function callerTrigger(header: string | undefined): (typeof CALLER_TRIGGERS)[number] {
  if (header === undefined || header.trim() === '') return 'api';
  const trigger = header.trim().toLowerCase();
  const known = CALLER_TRIGGERS.find((allowed) => allowed === trigger);
  if (known === undefined) {
    throw new BadRequestException(
      `X-Sync-Trigger must be one of ${CALLER_TRIGGERS.join(', ')} (got '${header.slice(0, 40)}')`,
    );
  }
  return known;
}
