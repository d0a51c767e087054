import type { EntityManager } from 'typeorm';
import type { AuthProviderConfig, ZuoraSettings } from '@subsync/domain';
import { AuthProviderEntity } from '../entities/auth-provider.entity';
import { SettingEntity } from '../entities/setting.entity';

const ZUORA_SETTINGS_KEY = 'zuora';

/** The Zuora settings; hot sync is off until someone turns it on. */
export async function loadZuoraSettings(manager: EntityManager): Promise<ZuoraSettings> {
  const row = await manager.getRepository(SettingEntity).findOneBy({ key: ZUORA_SETTINGS_KEY });
  return { hotSyncEnabled: row?.value['hotSyncEnabled'] === true };
}

export async function saveZuoraSettings(
  manager: EntityManager,
  settings: ZuoraSettings,
): Promise<void> {
  await manager
    .getRepository(SettingEntity)
    .upsert({ key: ZUORA_SETTINGS_KEY, value: { ...settings } }, ['key']);
}

/**
 * The provider a login names, or else the one whose issuer signed the token. Its secret is
 * returned sealed, as stored; `SecretSealer.open` gives the HS256 key.
 */
export async function findAuthProvider(
  manager: EntityManager,
  by: { providerId?: string; issuer: string },
): Promise<AuthProviderConfig | null> {
  const repository = manager.getRepository(AuthProviderEntity);
  const row =
    (by.providerId === undefined ? null : await repository.findOneBy({ id: by.providerId })) ??
    (await repository.findOneBy({ issuer: by.issuer }));
  if (row === null) return null;
  return {
    id: row.id,
    issuer: row.issuer,
    jwksUrl: row.jwksUrl,
    secret: row.secret,
    audience: row.audience,
    identityClaims: row.identityClaims,
  };
}
