import { errors } from 'jose';

/**
 * Whether verifying against a remote JWKS failed because the key set could not be fetched: a
 * network error (not a JOSE error at all), a timeout, a key set that is not JSON, or jose's
 * generic error for a response that is not 200. Nothing is known about the token then.
 */
export function isKeySetFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) {
    return error.code === 'ERR_JOSE_GENERIC' && error.message.includes('JSON Web Key Set');
  }
  return true;
}

/** An error's message with its cause's (fetch puts the socket error there), for the log. */
export function failureDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
