import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every process writes what its overview metrics gained every few seconds, so the gateway can
 * draw the console's charts from all instances of every service without reaching any of them.
 */
export class MetricSamples1764633600000 implements MigrationInterface {
  name = 'MetricSamples1764633600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE metric_samples (
        id bigserial PRIMARY KEY,
        taken_at timestamptz NOT NULL,
        service text NOT NULL,
        process uuid NOT NULL,
        sample jsonb NOT NULL
      )`);
    // The overview reads a time range; retention deletes the oldest.
    await db.query('CREATE INDEX metric_samples_taken ON metric_samples (taken_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE metric_samples');
  }
}
