// Platform ids follow the commerce platform's style: a typed prefix and 32 hex characters.
export type IdPrefix =
  'sub' | 'cus' | 'id' | 'schedule' | 'event' | 'addr' | 'pm' | 'offer' | 'backfill';

export function newPlatformId(prefix: IdPrefix): string {
  return `${prefix}-${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

export function hasPrefix(value: string, prefix: IdPrefix): boolean {
  return value.startsWith(`${prefix}-`);
}
