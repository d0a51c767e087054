import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HotSyncSettings1763856000000 implements MigrationInterface {
  name = 'HotSyncSettings1763856000000';

  async up(db: QueryRunner): Promise<void> {
    // Named settings documents, e.g. 'zuora' → {"hotSyncEnabled": true}.
    await db.query(`
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Identity providers whose ID tokens the login intake accepts, with their identity claims.
    await db.query(`
      CREATE TABLE auth_providers (
        id text PRIMARY KEY,
        issuer text NOT NULL UNIQUE,
        jwks_url text,
        secret text,
        audience text,
        identity_claims jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((jwks_url IS NULL) <> (secret IS NULL))
      )`);
    // When hot sync last queued each Zuora account, for the per-account minimum interval.
    await db.query(`
      CREATE TABLE hot_sync_accounts (
        account text PRIMARY KEY,
        last_queued_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS hot_sync_accounts');
    await db.query('DROP TABLE IF EXISTS auth_providers');
    await db.query('DROP TABLE IF EXISTS settings');
  }
}
