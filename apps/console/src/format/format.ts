// Pure formatting helpers: no DOM, so the Jest unit project can test them.

const EM_DASH = '—';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A calendar date (`YYYY-MM-DD`) as the API gives it; `—` when absent. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EM_DASH;
  return value.slice(0, 10);
}

/**
 * An instant as wall-clock time `YYYY-MM-DD HH:mm:ss` at a UTC offset given the way
 * `Date#getTimezoneOffset` does (minutes to add to local time to get UTC).
 */
export function formatInstantAt(iso: string, timezoneOffsetMinutes: number): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const local = new Date(instant.getTime() - timezoneOffsetMinutes * 60_000);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}

/** An instant in the browser's time zone. */
export function formatInstant(iso: string): string {
  return formatInstantAt(iso, new Date(iso).getTimezoneOffset());
}

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return EM_DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A field's value in a changes table: JSON for objects and arrays, `—` for null. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return EM_DASH;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** `1 field`, `3 fields`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** A card expiry as `MM/YYYY`; `—` when the card has none. */
export function formatExpiry(month: number | null, year: number | null): string {
  // A card the billing system describes only by its token has no expiry to show.
  if (month === null || year === null) return EM_DASH;
  return `${pad(month)}/${year}`;
}

/** The value of a `datetime-local` input (local wall-clock time) showing an instant. */
export function isoToLocalInput(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return '';
  return formatInstantAt(iso, instant.getTimezoneOffset()).replace(' ', 'T').slice(0, 16);
}

/** The instant a `datetime-local` value means in the browser's time zone; `''` if blank or bad. */
export function localInputToIso(value: string): string {
  if (value.trim() === '') return '';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '' : instant.toISOString();
}
