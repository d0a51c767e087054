import { Client } from 'pg';
import { createTestDatabase } from './test-database';

describe('createTestDatabase', () => {
  it('creates uniquely named databases on the global test server', async () => {
    const [a, b] = await Promise.all([
      createTestDatabase('Testkit-Unique'),
      createTestDatabase('Testkit-Unique'),
    ]);
    expect(a).not.toBe(b);
    const client = new Client({ connectionString: a });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows).toEqual([
        { db: expect.stringMatching(/^testkit_unique_[a-z0-9]+_[0-9a-f]{8}$/) },
      ]);
      expect(new URL(a).pathname).toBe(`/${rows[0]?.db}`);
    } finally {
      await client.end();
    }
  });
});
