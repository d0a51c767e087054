import type { EntityManager } from 'typeorm';
import type { Statement } from '../repositories/statement';

/** What the pipeline needs of the pg client behind a transaction's query runner. */
interface PgClient {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

/**
 * Where a store sends the writes whose answers it does not need (inserts, updates and deletes
 * that return nothing).
 *
 * In a transaction, {@link send} hands them to the transaction's connection at once, without
 * waiting for the server to answer the one before: pg's pipeline mode (`pipeline: true`, set in
 * `dataSourceOptions`) writes them out together, and PostgreSQL runs them in the order sent, then
 * whatever the transaction sends after them, so a later read sees them. A sync's ten or so writes
 * cost one round trip instead of ten. {@link settle} waits for every write sent and throws the
 * first that failed (the ones after it fail only because the transaction is aborted). The unit
 * of work sends `COMMIT` behind the last writes and then settles (PostgreSQL rolls back a
 * `COMMIT` in an aborted transaction), and settles when its work fails, so that the write's own
 * error is the one reported (see inPipelinedTransaction).
 *
 * Outside a transaction there is no one connection to keep the order on, so `send` runs each
 * statement once the one before has been answered and returns when the last has.
 */
export class WritePipeline {
  private sent: Promise<unknown>[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly inTransaction: boolean,
  ) {}

  async send(statements: readonly (Statement | null)[]): Promise<void> {
    if (!this.inTransaction) {
      for (const statement of statements) {
        if (statement !== null) await this.manager.query(statement.sql, statement.parameters);
      }
      return;
    }
    // The driver's client itself: TypeORM's query() awaits before it calls the driver, and the
    // order of these calls must be the order on the wire.
    const client = (await this.manager.queryRunner!.connect()) as PgClient;
    // In a unit of work, inPipelinedTransaction holds what is sent until the event loop turns,
    // so these and the transaction's COMMIT leave in one system call.
    for (const statement of statements) {
      if (statement === null) continue;
      const answer = client.query(statement.sql, statement.parameters);
      // Reported by settle(); until then a failure must not count as unhandled.
      answer.catch(() => undefined);
      this.sent.push(answer);
    }
  }

  /** Waits for every write sent so far; throws the first one's error if any failed. */
  async settle(): Promise<void> {
    const sent = this.sent;
    this.sent = [];
    // Answers come in the order sent, so the first rejection is the first write that failed.
    await Promise.all(sent);
  }
}
