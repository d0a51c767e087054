// The operator's bearer token lives in sessionStorage: it is gone when the tab closes.
const KEY = 'subsync.console.token';

export function readToken(): string | null {
  const token = sessionStorage.getItem(KEY);
  return token === null || token === '' ? null : token;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

/** What the operator pasted, without a `Bearer ` prefix or whitespace. */
export function normaliseToken(input: string): string {
  return input
    .trim()
    .replace(/^Bearer\s+/i, '')
    .trim();
}

/**
 * `npm start` prints a link ending in `#token=<jwt>`: keep the token and take it out of the
 * address bar, so it is neither bookmarked nor left in the history.
 */
export function adoptTokenFromFragment(): void {
  const match = /^#token=(.+)$/.exec(window.location.hash);
  if (match?.[1] === undefined) return;
  const token = normaliseToken(decodeURIComponent(match[1]));
  if (token !== '') saveToken(token);
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}
