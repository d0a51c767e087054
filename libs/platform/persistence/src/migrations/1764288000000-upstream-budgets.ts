import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UpstreamBudgets1764288000000 implements MigrationInterface {
  name = 'UpstreamBudgets1764288000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per upstream limit (a Zuora tenant's concurrency, a Stripe account's rate): the
    // configured ceiling and the limit in force after push-backs (AIMD).
    await db.query(`
      CREATE TABLE upstream_budgets (
        name text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('concurrency', 'rate')),
        ceiling double precision NOT NULL CHECK (ceiling > 0),
        current double precision NOT NULL CHECK (current > 0),
        decreased_at timestamptz,
        increased_at timestamptz NOT NULL
      )`);
    // Each process's share, leased: a process that stops renewing loses it when it expires.
    await db.query(`
      CREATE TABLE upstream_budget_holders (
        budget text NOT NULL REFERENCES upstream_budgets(name) ON DELETE CASCADE,
        holder text NOT NULL,
        granted double precision NOT NULL CHECK (granted >= 0),
        wanted double precision NOT NULL CHECK (wanted >= 0),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (budget, holder)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE upstream_budget_holders');
    await db.query('DROP TABLE upstream_budgets');
  }
}
