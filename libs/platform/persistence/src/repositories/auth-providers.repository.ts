import type { DataSource } from 'typeorm';
import type { AuthProviderConfig } from '@subsync/domain';
import { AuthProviderEntity } from '../entities/auth-provider.entity';
import {
  type SealingOutcome,
  sealProviderSecrets,
  storedProviderSecrets,
} from '../secrets/auth-provider-secrets';
import type { SecretSealer } from '../secrets/secret-sealer';
import { findAuthProvider } from './settings.repository';

/** What a write stores of a provider besides its id; `secret` as stored (sealed). */
export type AuthProviderFields = Pick<
  AuthProviderEntity,
  'issuer' | 'jwksUrl' | 'secret' | 'audience' | 'identityClaims'
>;

/** What the rules decide about a write, from the provider as stored and the issuer's holder. */
export type AuthProviderWriteDecision<E> =
  { ok: true; created: boolean; fields: AuthProviderFields } | { ok: false; error: E };

/** Decides a write from provider `id` as stored and the provider that holds the issuer. */
export type DecideAuthProviderWrite<E> = (
  current: AuthProviderEntity | null,
  issuerHolder: AuthProviderEntity | null,
) => AuthProviderWriteDecision<E>;

export type AuthProviderWriteOutcome<E> =
  { ok: true; created: boolean; saved: AuthProviderEntity } | { ok: false; error: E };

/** Settings > Authentication Providers, and the lookups logins make. */
export interface AuthProviders {
  /** Every provider, by id; secrets as stored (sealed). */
  list(): Promise<AuthProviderEntity[]>;
  find(id: string): Promise<AuthProviderEntity | null>;
  /** The provider a login names, or else the one whose issuer signed the token. */
  findForLogin(by: { providerId?: string; issuer: string }): Promise<AuthProviderConfig | null>;
  /**
   * In one transaction: reads provider `id` and the one holding `issuer`, asks `decide`, and
   * stores what it allows. A concurrent write of the same issuer fails on the unique index.
   */
  write<E>(
    id: string,
    issuer: string,
    decide: DecideAuthProviderWrite<E>,
  ): Promise<AuthProviderWriteOutcome<E>>;
  /** False when there was no such provider. */
  remove(id: string): Promise<boolean>;
  /** The ids of the providers that store a secret. */
  withSecrets(): Promise<string[]>;
  /** Seals again every secret that SECRETS_KEY did not seal. */
  sealSecrets(sealer: SecretSealer): Promise<SealingOutcome>;
}

export class AuthProvidersTypeOrm implements AuthProviders {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<AuthProviderEntity[]> {
    return this.dataSource.getRepository(AuthProviderEntity).find({ order: { id: 'ASC' } });
  }

  find(id: string): Promise<AuthProviderEntity | null> {
    return this.dataSource.getRepository(AuthProviderEntity).findOneBy({ id });
  }

  findForLogin(by: { providerId?: string; issuer: string }): Promise<AuthProviderConfig | null> {
    return findAuthProvider(this.dataSource.manager, by);
  }

  write<E>(
    id: string,
    issuer: string,
    decide: DecideAuthProviderWrite<E>,
  ): Promise<AuthProviderWriteOutcome<E>> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(AuthProviderEntity);
      const decision = decide(
        await repository.findOneBy({ id }),
        await repository.findOneBy({ issuer }),
      );
      if (!decision.ok) return decision;
      await repository.upsert({ id, ...decision.fields }, ['id']);
      return {
        ok: true,
        created: decision.created,
        saved: await repository.findOneByOrFail({ id }),
      };
    });
  }

  async remove(id: string): Promise<boolean> {
    const { affected } = await this.dataSource.getRepository(AuthProviderEntity).delete({ id });
    return Boolean(affected);
  }

  async withSecrets(): Promise<string[]> {
    return (await storedProviderSecrets(this.dataSource)).map((row) => row.id);
  }

  sealSecrets(sealer: SecretSealer): Promise<SealingOutcome> {
    return sealProviderSecrets(this.dataSource, sealer);
  }
}
