import type { DataSource, EntityManager } from 'typeorm';
import { type CorkableSocket, holdUntilTurn } from './hold-until-turn';

/** What this needs of the pg client behind a query runner (pool option `pipeline: true`). */
interface PgClient {
  query: (this: PgClient, sql: string, ...rest: unknown[]) => Promise<{ command?: string }>;
  connection?: { stream?: CorkableSocket };
}

/**
 * Runs `work` in one transaction on one connection, like TypeORM's `DataSource.transaction`, but
 * without a round trip of its own for `START TRANSACTION` or for `COMMIT`:
 * - `START TRANSACTION` is held in the socket until the event loop turns ({@link holdUntilTurn}),
 *   so it goes out in one write with the work's first statement (issued without I/O in between,
 *   as a unit of work's first statement is); so is every later statement, so that those sent
 *   together share a write;
 * - `COMMIT` is sent right behind the work's last statements, in the same write, before their
 *   answers are read.
 *   `settle` then waits for those answers (the statements the work sent without waiting, see
 *   WritePipeline) and throws the first failure: PostgreSQL answers `COMMIT` in an aborted
 *   transaction by rolling back, so a failed write can never be committed.
 *
 * TypeORM is told that its query runner is in a transaction, so that anything in `work` that
 * would open one of its own (`repository.save`) joins this one instead.
 */
export async function inPipelinedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  settle: () => Promise<void>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as PgClient;
  const socket = client.connection?.stream;
  const query = client.query;
  const ownQuery = Object.prototype.hasOwnProperty.call(client, 'query');
  // Every statement of the transaction is held until the event loop turns, so that statements
  // sent one after another without waiting (START TRANSACTION and the first read, reads sent
  // together, the writes and COMMIT) leave in one write and are answered in one.
  client.query = function (this: PgClient, ...args: Parameters<PgClient['query']>) {
    holdUntilTurn(socket);
    return query.apply(this, args);
  };
  const begun = client.query('START TRANSACTION');
  begun.catch(() => undefined); // awaited below; a failure there is reported there
  Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  try {
    let result: T;
    try {
      result = await work(runner.manager);
    } catch (error) {
      // A write that failed is the error to report, also when the work failed after it.
      await settle();
      throw error;
    }
    const committed = client.query('COMMIT');
    committed.catch(() => undefined);
    await begun;
    await settle();
    const answer = await committed;
    if (answer.command !== 'COMMIT') {
      throw new Error(`the transaction was not committed (PostgreSQL answered ${answer.command})`);
    }
    return result;
  } catch (error) {
    // Whatever was sent after a failure failed too; after a COMMIT that rolled back, PostgreSQL
    // only warns that no transaction is open.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // The client's own query() again, before the pool hands it to anyone else.
    if (ownQuery) client.query = query;
    else delete (client as Partial<PgClient>).query;
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    await runner.release();
  }
}
