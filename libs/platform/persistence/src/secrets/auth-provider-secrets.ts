import { isSealed, SecretUnreadable, type SecretSealer } from './secret-sealer';

/** What raw SQL needs: a DataSource, an EntityManager and a migration's QueryRunner all fit. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface SealingOutcome {
  /** Providers whose secret was sealed now: a plaintext, or sealed with SECRETS_KEY_PREVIOUS. */
  sealed: string[];
  /** Providers whose secret no configured key opens (left as they are). */
  unreadable: { id: string; reason: string }[];
}

interface StoredSecret {
  id: string;
  secret: string;
}

export async function storedProviderSecrets(db: SqlRunner): Promise<StoredSecret[]> {
  return (await db.query(
    'SELECT id, secret FROM auth_providers WHERE secret IS NOT NULL ORDER BY id',
  )) as StoredSecret[];
}

/**
 * Seals every provider secret that is not sealed with SECRETS_KEY yet: plaintexts, and values
 * sealed with SECRETS_KEY_PREVIOUS (rotation). A row changed meanwhile is left to its writer,
 * so concurrent runs (two gateways starting) do no harm.
 */
export async function sealProviderSecrets(
  db: SqlRunner,
  sealer: SecretSealer,
): Promise<SealingOutcome> {
  const outcome: SealingOutcome = { sealed: [], unreadable: [] };
  for (const row of await storedProviderSecrets(db)) {
    if (!sealer.needsSealing(row.secret)) continue;
    let plaintext: string;
    try {
      plaintext = isSealed(row.secret) ? sealer.open(row.secret) : row.secret;
    } catch (error) {
      if (!(error instanceof SecretUnreadable)) throw error;
      outcome.unreadable.push({ id: row.id, reason: error.message });
      continue;
    }
    await db.query('UPDATE auth_providers SET secret = $1 WHERE id = $2 AND secret = $3', [
      sealer.seal(plaintext),
      row.id,
      row.secret,
    ]);
    outcome.sealed.push(row.id);
  }
  return outcome;
}
