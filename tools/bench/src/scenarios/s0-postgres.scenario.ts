import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { summarizeLatencies } from '../measure/percentile.stats';
import { round1 } from '../load/http.load';
import { type BenchContext, formatCpu, type ScenarioOutcome, withCpu } from './bench.context';

const SCHEMA = 'bench_s0';
const ROWS = 100_000;
const CLIENTS = 8;

/** The figures kafka-reliability.md §6.2 measured for the same per-event transaction. */
const REFERENCE = {
  pgbenchTcp8: 6_327,
  nodePg5RoundTrips8: 3_831,
};

/**
 * S0: what PostgreSQL alone sustains per event, the ceiling a per-event-transaction design
 * can reach: 8 clients, each running one transaction per event (inbox insert, a guarded upsert
 * into a 100,000-row table, an outbox insert), as in kafka-reliability.md §6.2.
 */
export async function runPostgresPerEvent(
  ctx: BenchContext,
  databaseUrl: string,
): Promise<ScenarioOutcome> {
  const durationMs = ctx.options.quick ? 3_000 : 10_000;
  const pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
  try {
    await createScratchSchema(pool);
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
    const latencies: number[] = [];
    let version = Date.now() * 1000;
    const { cpu } = await withCpu(ctx.sampler, async () => {
      const deadline = Date.now() + durationMs;
      await Promise.all(
        clients.map(async (client) => {
          while (Date.now() < deadline && !ctx.signal.aborted) {
            const started = performance.now();
            await oneEvent(client, (version += 1));
            latencies.push(performance.now() - started);
          }
        }),
      );
    });
    clients.forEach((client) => client.release());
    const txPerSecond = round1(latencies.length / (durationMs / 1000));
    const latency = summarizeLatencies(latencies.map((ms) => Math.round(ms * 100) / 100));
    return {
      key: 'S0',
      title: 'PostgreSQL per-event transactions (no services involved)',
      result: {
        clients: CLIENTS,
        durationS: durationMs / 1000,
        txPerSecond,
        latencyMs: latency,
        cpu,
      },
      lines: [
        `${txPerSecond} tx/s with ${CLIENTS} clients for ${durationMs / 1000} s (p50 ${latency.p50} ms, p99 ${latency.p99} ms)`,
        `  one tx = BEGIN; inbox insert ON CONFLICT DO NOTHING; guarded upsert into ${ROWS.toLocaleString('en')} rows; outbox insert; COMMIT`,
        `  the workload of kafka-reliability.md §6.2, which measured ${REFERENCE.nodePg5RoundTrips8.toLocaleString('en')} ev/s (Node pg, 8 clients)`,
        `  and ${REFERENCE.pgbenchTcp8.toLocaleString('en')} tx/s (pgbench over TCP, 8 clients) on a comparable 2-vCPU machine`,
        `  ${formatCpu(cpu)}`,
      ],
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}

async function createScratchSchema(pool: Pool): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await pool.query(`CREATE SCHEMA ${SCHEMA}`);
  await pool.query(`
    CREATE TABLE ${SCHEMA}.bench_subs (
      id text PRIMARY KEY, status text NOT NULL, payload jsonb NOT NULL,
      version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`
    CREATE TABLE ${SCHEMA}.bench_inbox (
      message_id uuid PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`
    CREATE TABLE ${SCHEMA}.bench_outbox (
      id bigserial PRIMARY KEY, message_id uuid NOT NULL, topic text NOT NULL, key text NOT NULL,
      payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz)`);
  await pool.query(
    `CREATE INDEX bench_outbox_unsent ON ${SCHEMA}.bench_outbox (id) WHERE sent_at IS NULL`,
  );
  await pool.query(
    `INSERT INTO ${SCHEMA}.bench_subs (id, status, payload, version)
     SELECT 'sub-' || i, 'active', jsonb_build_object('n', i), 0 FROM generate_series(1, $1) i`,
    [ROWS],
  );
  await pool.query(`VACUUM ANALYZE ${SCHEMA}.bench_subs`);
}

/** Named statements: prepared once per connection, as pgbench -M prepared does. */
async function oneEvent(client: PoolClient, version: number): Promise<void> {
  const messageId = randomUUID();
  const id = `sub-${1 + Math.floor(Math.random() * ROWS)}`;
  const payload = JSON.stringify({ status: 'active', termEnd: '2026-01-01', version });
  await client.query('BEGIN');
  try {
    await client.query({
      name: 's0-inbox',
      text: `INSERT INTO ${SCHEMA}.bench_inbox (message_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      values: [messageId],
    });
    await client.query({
      name: 's0-upsert',
      text: `INSERT INTO ${SCHEMA}.bench_subs (id, status, payload, version) VALUES ($1, 'active', $2, $3)
             ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, payload = EXCLUDED.payload,
               version = EXCLUDED.version, updated_at = now()
             WHERE ${SCHEMA}.bench_subs.version < EXCLUDED.version`,
      values: [id, payload, version],
    });
    await client.query({
      name: 's0-outbox',
      text: `INSERT INTO ${SCHEMA}.bench_outbox (message_id, topic, key, payload) VALUES ($1, 'sync.completed.v1', $2, $3)`,
      values: [messageId, id, payload],
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
