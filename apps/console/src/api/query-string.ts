export type QueryParams = Record<string, string | null | undefined>;

/** `?a=1&b=2` from the params that have a value (blank ones are left out), or `''`. */
export function queryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value.trim() !== '')
      search.set(name, value.trim());
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
