/** What an `Authorization` header presents; `other` is any scheme this gateway does not take. */
export type PresentedCredentials =
  | { scheme: 'none' }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'other' };

const BEARER = /^Bearer\s+(\S+)$/i;
const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)$/i;

/** Reads an `Authorization` header (RFC 6750 bearer, RFC 7617 Basic). */
export function parseAuthorization(header: string | undefined): PresentedCredentials {
  if (header === undefined || header.trim() === '') return { scheme: 'none' };
  const value = header.trim();
  const bearer = BEARER.exec(value)?.[1];
  if (bearer !== undefined) return { scheme: 'bearer', token: bearer };
  const basic = BASIC.exec(value)?.[1];
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { scheme: 'other' };
    return {
      scheme: 'basic',
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
    };
  }
  return { scheme: 'other' };
}
