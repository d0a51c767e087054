import type { DataSource } from 'typeorm';
import { findAuthProvider } from '@subsync/persistence';
import type { FindProviderByIssuer } from './id-token.verifier';

/** Reads the provider at every login, so a settings change applies to the next one. */
export function authProvidersIn(dataSource: DataSource): FindProviderByIssuer {
  return (issuer) => findAuthProvider(dataSource.manager, { issuer });
}
