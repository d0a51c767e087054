/**
 * PostgreSQL stores no NUL character in text or jsonb. A value that may hold one (a dead-lettered
 * message holds whatever its publisher sent) keeps it as the visible escape `\u0000` instead, in
 * every string it contains, keys included.
 */
export function escapeNulCharacters<T>(value: T): T {
  return escape(value) as T;
}

function escape(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\\u0000') : value;
  if (Array.isArray(value)) return value.map(escape);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [escape(key), escape(item)]),
    );
  }
  return value;
}
