/** What is shown instead of a stored secret; a write carrying it keeps the stored secret. */
export const MASKED_SECRET = '********';

/** A stored secret is never shown: only whether there is one. */
export function maskSecret(stored: string | null): string | null {
  return stored === null ? null : MASKED_SECRET;
}

/** What the rules need of a stored authentication provider. */
export interface StoredAuthProvider {
  id: string;
  issuer: string;
  /** Sealed as stored; never opened here. */
  secret: string | null;
}

/** A create or replace of the provider `id`, as submitted. */
export interface AuthProviderWrite {
  id: string;
  issuer: string;
  /** The plain secret, `MASKED_SECRET` to keep the stored one, or null (a JWKS provider). */
  secret: string | null;
}

/** Which secret the provider is stored with. */
export type AuthProviderSecret =
  | { kind: 'none' }
  /** The stored secret, still sealed. */
  | { kind: 'keep'; sealed: string }
  /** A new secret, to be sealed before it is stored. */
  | { kind: 'new'; plain: string };

export type AuthProviderRefusal =
  | { code: 'ISSUER_TAKEN'; issuer: string; takenBy: string | null; message: string }
  | { code: 'NO_SECRET_TO_KEEP'; providerId: string; field: 'secret'; message: string };

export type AuthProviderWriteDecision =
  | { ok: true; created: boolean; secret: AuthProviderSecret }
  | { ok: false; error: AuthProviderRefusal };

/**
 * An issuer has one provider, since a login is matched to its provider by the token's issuer.
 * `takenBy` is null when only the database's unique index saw the clash (a concurrent write).
 */
export function issuerTaken(issuer: string, takenBy: string | null): AuthProviderRefusal {
  const owner = takenBy === null ? 'another provider' : `provider '${takenBy}'`;
  return {
    code: 'ISSUER_TAKEN',
    issuer,
    takenBy,
    message: `Issuer '${issuer}' is already configured by ${owner}: an issuer has one provider`,
  };
}

/**
 * Whether a provider may be written, given the stored one of the same id (`current`) and the
 * one that holds the submitted issuer (`issuerHolder`), and with which secret: a masked secret
 * keeps the stored one, which must exist.
 */
export function decideAuthProviderWrite(
  write: AuthProviderWrite,
  current: StoredAuthProvider | null,
  issuerHolder: StoredAuthProvider | null,
): AuthProviderWriteDecision {
  if (issuerHolder !== null && issuerHolder.id !== write.id) {
    return { ok: false, error: issuerTaken(write.issuer, issuerHolder.id) };
  }
  const created = current === null;
  if (write.secret === null) return { ok: true, created, secret: { kind: 'none' } };
  if (write.secret !== MASKED_SECRET) {
    return { ok: true, created, secret: { kind: 'new', plain: write.secret } };
  }
  if (current === null || current.secret === null) {
    return {
      ok: false,
      error: {
        code: 'NO_SECRET_TO_KEEP',
        providerId: write.id,
        field: 'secret',
        message: `provider '${write.id}' has no stored secret to keep, send the secret itself`,
      },
    };
  }
  return { ok: true, created, secret: { kind: 'keep', sealed: current.secret } };
}
