import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BackfillsAndReconcile1764547200000 implements MigrationInterface {
  name = 'BackfillsAndReconcile1764547200000';

  async up(db: QueryRunner): Promise<void> {
    // A backfill job: its filter, where listing has got to (the provider's cursor, saved in the
    // transaction that queues each page's syncs), its counts, and the lease of the worker
    // process running it (a lapsed lease lets another process take over from the checkpoint).
    await db.query(`
      CREATE TABLE backfill_jobs (
        id text PRIMARY KEY,
        provider text NOT NULL CHECK (provider IN ('zuora', 'stripe')),
        filter jsonb NOT NULL,
        status text NOT NULL
          CHECK (status IN ('running', 'paused', 'cancelled', 'completed', 'failed')),
        checkpoint jsonb,
        listing_done boolean NOT NULL DEFAULT false,
        listed integer NOT NULL DEFAULT 0,
        queued integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        pages integer NOT NULL DEFAULT 0,
        error text,
        created_by text,
        correlation_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz,
        lease_owner text,
        lease_until timestamptz
      )`);
    await db.query(
      `CREATE INDEX backfill_jobs_runnable ON backfill_jobs (provider, created_at)
       WHERE status = 'running'`,
    );
    // The Events a backfill queued: its succeeded, failed and skipped counts, and its failures.
    await db.query('ALTER TABLE events ADD COLUMN backfill_id text');
    await db.query(
      `CREATE INDEX events_backfill ON events (backfill_id, status) WHERE backfill_id IS NOT NULL`,
    );
    // The reconcile sweep's high-water mark per provider, and when the next sweep is due (the
    // process that moves next_run_at forward runs that sweep; the others skip it).
    await db.query(`
      CREATE TABLE reconcile_watermarks (
        provider text PRIMARY KEY CHECK (provider IN ('zuora', 'stripe')),
        watermark timestamptz NOT NULL,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz,
        last_queued integer NOT NULL DEFAULT 0
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE reconcile_watermarks');
    await db.query('DROP INDEX events_backfill');
    await db.query('ALTER TABLE events DROP COLUMN backfill_id');
    await db.query('DROP TABLE backfill_jobs');
  }
}
