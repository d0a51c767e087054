import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Coalescing1764201600000 implements MigrationInterface {
  name = 'Coalescing1764201600000';

  async up(db: QueryRunner): Promise<void> {
    // A request answered by another request's sync points at the Event that did the work.
    await db.query(`ALTER TABLE events ADD COLUMN coalesced_into text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events DROP COLUMN coalesced_into`);
  }
}
