import type { Logger } from 'typeorm';

/** A PostgreSQL session to run statements on: a TypeORM DataSource or EntityManager, say. */
export interface SqlSession {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface RecordedStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * A TypeORM logger that keeps every statement a DataSource sends, with its parameters, so a
 * test can explain exactly what the code ran instead of a copy of it.
 */
export class StatementRecorder implements Logger {
  private statements: RecordedStatement[] = [];

  logQuery(query: string, parameters?: unknown[]): void {
    this.statements.push({ sql: query, parameters: parameters ?? [] });
  }

  /** The statements recorded since the last call. */
  take(): RecordedStatement[] {
    const taken = this.statements;
    this.statements = [];
    return taken;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The tables read by a Seq Scan anywhere in the plan PostgreSQL picks for `sql`. */
export async function seqScannedTables(
  db: SqlSession,
  sql: string,
  parameters: unknown[] = [],
): Promise<string[]> {
  const rows = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as {
    'QUERY PLAN': { Plan: PlanNode }[];
  }[];
  const tables: string[] = [];
  const visit = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] !== undefined) {
      tables.push(node['Relation Name']);
    }
    node.Plans?.forEach(visit);
  };
  for (const row of rows) row['QUERY PLAN'].forEach((plan) => visit(plan.Plan));
  return tables;
}

/**
 * The rows each table gave while `work` ran (`seq_tup_read + idx_tup_fetch`), as PostgreSQL's
 * own statistics count them. `db` must be a single session (a pool of one connection) that
 * `work` runs on too: a backend publishes its counts only when asked to flush them.
 */
export async function rowsRead(
  db: SqlSession,
  work: () => Promise<unknown>,
): Promise<Record<string, number>> {
  const before = await tableReads(db);
  await work();
  const after = await tableReads(db);
  return Object.fromEntries(
    [...after]
      .map(([table, count]) => [table, count - (before.get(table) ?? 0)] as const)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

async function tableReads(db: SqlSession): Promise<Map<string, number>> {
  // The flush happens as the backend goes idle after this statement, before the next one reads.
  await db.query('SELECT pg_stat_force_next_flush()');
  await db.query('SELECT pg_stat_clear_snapshot()');
  const rows = (await db.query(
    `SELECT relname, seq_tup_read + coalesce(idx_tup_fetch, 0) AS count FROM pg_stat_user_tables`,
  )) as { relname: string; count: string }[];
  return new Map(rows.map((row) => [row.relname, Number(row.count)]));
}

/**
 * The tables `later` read clearly more rows of than `earlier` did, as `table: earlier → later`.
 * A few rows either way are not growth: the planner may join in another order at another size.
 */
export function readsThatGrew(
  earlier: Record<string, number>,
  later: Record<string, number>,
): string[] {
  return Object.entries(later)
    .filter(([table, count]) => count > (earlier[table] ?? 0) * 1.1 + 5)
    .map(([table, count]) => `${table}: ${earlier[table] ?? 0} → ${count}`);
}
