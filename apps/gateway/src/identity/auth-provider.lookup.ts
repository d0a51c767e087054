import type { DataSource } from 'typeorm';
import { findAuthProvider } from '@subsync/persistence';
import { unsafeTextReason } from '../http/input-boundary';
import type { FindProviderByIssuer } from './id-token.verifier';

/**
 * Reads the provider at every login, so a settings change applies to the next one. An issuer
 * no provider could have (a NUL byte, broken Unicode) is not looked up: no provider has it.
 */
export function authProvidersIn(dataSource: DataSource): FindProviderByIssuer {
  return (issuer) =>
    unsafeTextReason(issuer) !== null
      ? Promise.resolve(null)
      : findAuthProvider(dataSource.manager, { issuer });
}
