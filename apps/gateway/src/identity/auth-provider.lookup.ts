import { type AuthProviders, SecretUnreadable, type SecretSealer } from '@subsync/persistence';
import { unsafeTextReason } from '../http/input-boundary';
import { type FindProviderByIssuer, KeysUnavailable } from './id-token.verifier';

/**
 * Reads the provider at every login, so a settings change applies to the next one. An issuer
 * no provider could have (a NUL byte, broken Unicode) is not looked up: no provider has it.
 * The stored HS256 secret is sealed; it is opened here, in memory only, for the verification.
 */
export function authProvidersIn(
  providers: AuthProviders,
  sealer: SecretSealer,
): FindProviderByIssuer {
  return async (issuer) => {
    if (unsafeTextReason(issuer) !== null) return null;
    const provider = await providers.findForLogin({ issuer });
    if (provider?.secret == null) return provider;
    try {
      return { ...provider, secret: sealer.open(provider.secret) };
    } catch (error) {
      if (!(error instanceof SecretUnreadable)) throw error;
      throw new KeysUnavailable(
        `The HS256 secret of authentication provider '${provider.id}' cannot be used: ${error.message}`,
      );
    }
  };
}
