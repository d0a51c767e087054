const MAX_LENGTH = 64;

/**
 * Makes a value acceptable as `Zuora-Track-Id`: printable US-ASCII only, without `: ; " '`, at most
 * 64 characters. Returns undefined when nothing is left.
 */
export function sanitizeTrackId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = value
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[:;"']/g, '')
    .trim()
    .slice(0, MAX_LENGTH)
    .trim();
  return cleaned === '' ? undefined : cleaned;
}
