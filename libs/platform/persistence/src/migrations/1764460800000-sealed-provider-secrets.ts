import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readSecretsKeys } from '@subsync/config';
import { sealProviderSecrets, storedProviderSecrets } from '../secrets/auth-provider-secrets';
import { isSealed, SecretSealer } from '../secrets/secret-sealer';

/**
 * Seals the HS256 secrets of authentication providers that were stored in plaintext.
 * Migrations run before a service reads its configuration, in whichever service starts first,
 * so the key comes from that process's SECRETS_KEY. Without plaintext rows no key is needed.
 */
export class SealedProviderSecrets1764460800000 implements MigrationInterface {
  name = 'SealedProviderSecrets1764460800000';

  async up(db: QueryRunner): Promise<void> {
    const plaintexts = (await storedProviderSecrets(db)).filter((row) => !isSealed(row.secret));
    if (plaintexts.length === 0) return;
    const sealer = new SecretSealer(readSecretsKeys(process.env));
    if (!sealer.canSeal) {
      throw new Error(
        `auth_providers holds ${plaintexts.length} plaintext secret(s) (providers ${plaintexts.map((row) => row.id).join(', ')}): ` +
          'set SECRETS_KEY (32 random bytes as base64, e.g. openssl rand -base64 32) for the service that migrates, so this migration can seal them',
      );
    }
    await sealProviderSecrets(db, sealer);
  }

  async down(db: QueryRunner): Promise<void> {
    const sealed = (await storedProviderSecrets(db)).filter((row) => isSealed(row.secret));
    if (sealed.length === 0) return;
    // Opening needs the key that sealed them; SecretUnreadable says which key that was.
    const sealer = new SecretSealer(readSecretsKeys(process.env));
    for (const row of sealed) {
      await db.query('UPDATE auth_providers SET secret = $1 WHERE id = $2', [
        sealer.open(row.secret),
        row.id,
      ]);
    }
  }
}
