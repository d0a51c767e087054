import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsLog1763942400000 implements MigrationInterface {
  name = 'EventsLog1763942400000';

  async up(db: QueryRunner): Promise<void> {
    // What was asked for (topic + message data), so a failed sync can be replayed as it was.
    await db.query(`ALTER TABLE events ADD COLUMN request jsonb`);
    // A replay is a new Event pointing at the failed one it repeats.
    await db.query(`ALTER TABLE events ADD COLUMN replay_of text REFERENCES events(id)`);
    // Where a dead-lettered message came from, why it failed, and its original bytes.
    await db.query(`ALTER TABLE events ADD COLUMN dead_letter jsonb`);
    // A dead-lettered message that cannot be parsed names no provider.
    await db.query(`ALTER TABLE events ALTER COLUMN provider DROP NOT NULL`);
    await db.query(
      `CREATE INDEX events_replay_of ON events (replay_of) WHERE replay_of IS NOT NULL`,
    );
    // One replay at a time: a second one while the first is queued is refused.
    await db.query(
      `CREATE UNIQUE INDEX events_one_pending_replay ON events (replay_of) WHERE status = 'queued'`,
    );
    await db.query(`CREATE INDEX events_ref ON events (ref, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS events_ref');
    await db.query('DROP INDEX IF EXISTS events_one_pending_replay');
    await db.query('DROP INDEX IF EXISTS events_replay_of');
    await db.query(`DELETE FROM events WHERE provider IS NULL`);
    await db.query(`ALTER TABLE events ALTER COLUMN provider SET NOT NULL`);
    await db.query(`ALTER TABLE events DROP COLUMN dead_letter`);
    await db.query(`ALTER TABLE events DROP COLUMN replay_of`);
    await db.query(`ALTER TABLE events DROP COLUMN request`);
  }
}
