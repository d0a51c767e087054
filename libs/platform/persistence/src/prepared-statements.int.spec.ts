import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@subsync/testkit';
import { createDataSource } from './data-source';
import { MAX_PREPARED_PER_CONNECTION } from './prepared-statements';

/** The session's named statements, read in the same session (one query runner). */
async function preparedIn(
  db: DataSource,
  run: (q: (sql: string, p?: unknown[]) => Promise<unknown>) => Promise<void>,
): Promise<string[]> {
  const runner = db.createQueryRunner();
  try {
    await run((sql, params) => runner.query(sql, params));
    const rows: { name: string }[] = await runner.query(
      `SELECT name FROM pg_prepared_statements WHERE name LIKE 'subsync_%' ORDER BY name`,
    );
    return rows.map((row) => row.name);
  } finally {
    await runner.release();
  }
}

describe('prepared statements (named, once per connection)', () => {
  let url: string;
  const sources: DataSource[] = [];
  const open = async (preparedStatements?: boolean): Promise<DataSource> => {
    const db = createDataSource(url, 'prepared-int', { preparedStatements });
    await db.initialize();
    sources.push(db);
    return db;
  };

  beforeAll(async () => {
    url = await createTestDatabase('prepared');
  });

  afterAll(async () => {
    await Promise.all(sources.map((db) => db.destroy()));
  });

  it('prepares a parameterised statement once and gives the same answers on every call', async () => {
    const db = await open();
    const answers: unknown[] = [];
    const names = await preparedIn(db, async (query) => {
      for (const n of [1, 2, 3]) answers.push(await query('SELECT $1::int * 2 AS twice', [n]));
      // Without parameters (BEGIN, COMMIT and the like) nothing is prepared.
      answers.push(await query('SELECT 7 AS seven'));
    });
    expect(answers).toEqual([[{ twice: 2 }], [{ twice: 4 }], [{ twice: 6 }], [{ seven: 7 }]]);
    expect(names).toHaveLength(1);
  });

  it('gives two texts two statements, and survives a failed statement in a transaction', async () => {
    const db = await open();
    const names = await preparedIn(db, async (query) => {
      await query('SELECT $1::text AS a', ['x']);
      await query('SELECT $1::text AS b', ['y']);
      await query('BEGIN');
      await expect(query('SELECT $1::int AS n', ['not a number'])).rejects.toThrow(/integer/);
      await query('ROLLBACK');
      expect(await query('SELECT $1::int AS n', [5])).toEqual([{ n: 5 }]);
    });
    expect(names).toHaveLength(3);
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} per connection and still runs the rest`, async () => {
    const db = await open();
    const sums: number[] = [];
    const names = await preparedIn(db, async (query) => {
      for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 5; i += 1) {
        const [row] = (await query(`SELECT $1::int + ${i} AS sum`, [1])) as { sum: number }[];
        sums.push(row!.sum);
      }
    });
    expect(names).toHaveLength(MAX_PREPARED_PER_CONNECTION);
    expect(sums.at(-1)).toBe(MAX_PREPARED_PER_CONNECTION + 5);
  });

  it('prepares nothing when turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const db = await open(false);
    const names = await preparedIn(db, async (query) => {
      expect(await query('SELECT $1::int AS n', [1])).toEqual([{ n: 1 }]);
    });
    expect(names).toEqual([]);
  });
});
