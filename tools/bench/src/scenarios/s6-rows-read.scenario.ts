import { Pool } from 'pg';
import type { HttpAnswer } from '../clients/gateway.client';
import {
  type BenchContext,
  formatStatuses,
  requireGateway,
  type ScenarioOutcome,
  sleep,
} from './bench.context';
import { FILLER_STATEMENTS } from './s6-filler.sql';

type TableReads = Map<string, { rows: number; seqScans: number }>;

interface SizeResult {
  storedSubscriptions: number;
  scheduleEntries: number;
  events: number;
  fillSeconds: number;
  syncs: number;
  syncStatuses: Record<string, number>;
  rowsReadPerSync: number;
  rowsReadPerSyncRaw: number;
  idleRowsReadPerSecond: number;
  seqScansPerSync: number;
  topTables: { table: string; rowsPerSync: number; seqScansPerSync: number }[];
  /** Every table scanned sequentially during the syncs, with its scans per sync. */
  seqScannedTables: Record<string, number>;
}

const CONCURRENCY = 8;

/**
 * S6: rows PostgreSQL reads per sync at two database sizes ten times apart. A sync whose reads
 * grow with the table (a sequential scan where an index was meant) shows up as the second
 * figure being about ten times the first. The tables are filled with SQL; the measured syncs
 * are of subscriptions imported beforehand and then changed by a bill run in Zuora (the charge
 * moved one period on, in place), so each is an ordinary refresh.
 */
export async function runRowsRead(
  ctx: BenchContext,
  databaseUrl: string,
): Promise<ScenarioOutcome> {
  const sizes = ctx.options.quick ? [2_000, 20_000] : [10_000, 100_000];
  const syncs = ctx.options.quick ? 50 : 200;
  await ctx.sandbox.configure({ latencyMs: 0, concurrencyLimit: 40 });
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const results: SizeResult[] = [];
  let filled = 0;
  try {
    for (const size of sizes) {
      if (ctx.signal.aborted) break;
      const stored = await count(pool, 'subscriptions');
      const toFill = Math.max(0, size - syncs - stored);
      ctx.say(`  S6: filling the database to ${size.toLocaleString('en')} subscriptions…`);
      const fillStarted = Date.now();
      for (const statement of FILLER_STATEMENTS) {
        await pool.query(statement, [filled + 1, filled + toFill]);
      }
      filled += toFill;
      const fillSeconds = (Date.now() - fillStarted) / 1000;
      const refs = (await ctx.refs.take(syncs)).all;
      const imports = await syncAll(ctx, refs);
      if ((imports['200'] ?? 0) !== refs.length) {
        throw new Error(
          `importing the subscriptions to measure failed: ${formatStatuses(imports)}`,
        );
      }
      await pool.query('ANALYZE');
      await billRun(ctx, refs);

      // Pollers read a little even when nothing happens; measure that and take it off.
      const idleMs = 3_000;
      const idleBefore = await tableReads(pool);
      await sleep(idleMs);
      const idle = diff(await tableReads(pool), idleBefore);

      const before = await tableReads(pool);
      const started = Date.now();
      const statuses = await syncAll(ctx, refs);
      await sleep(2_000); // backends publish their statistics within a second of going idle
      const elapsedMs = Date.now() - started;
      const measured = diff(await tableReads(pool), before);
      const scale = elapsedMs / idleMs;
      const net = new Map(
        [...measured].map(([table, reads]) => {
          const background = idle.get(table) ?? { rows: 0, seqScans: 0 };
          return [
            table,
            {
              rows: Math.max(0, reads.rows - background.rows * scale),
              seqScans: Math.max(0, reads.seqScans - background.seqScans * scale),
            },
          ];
        }),
      );
      const total = (reads: TableReads, field: 'rows' | 'seqScans') =>
        [...reads.values()].reduce((sum, r) => sum + r[field], 0);
      results.push({
        storedSubscriptions: await count(pool, 'subscriptions'),
        scheduleEntries: await count(pool, 'schedule_entries'),
        events: await count(pool, 'events'),
        fillSeconds,
        syncs: refs.length,
        syncStatuses: statuses,
        rowsReadPerSync: Math.round(total(net, 'rows') / refs.length),
        rowsReadPerSyncRaw: Math.round(total(measured, 'rows') / refs.length),
        idleRowsReadPerSecond: Math.round(total(idle, 'rows') / (idleMs / 1000)),
        seqScansPerSync: Math.round((total(net, 'seqScans') / refs.length) * 10) / 10,
        topTables: [...net]
          .sort(([, a], [, b]) => b.rows - a.rows)
          .slice(0, 3)
          .map(([table, reads]) => ({
            table,
            rowsPerSync: Math.round(reads.rows / refs.length),
            seqScansPerSync: Math.round((reads.seqScans / refs.length) * 10) / 10,
          })),
        seqScannedTables: Object.fromEntries(
          [...net]
            .filter(([, reads]) => reads.seqScans >= 0.5)
            .map(([table, reads]) => [
              table,
              Math.round((reads.seqScans / refs.length) * 100) / 100,
            ]),
        ),
      });
    }
  } finally {
    await pool.end();
  }
  const [small, large] = results;
  const growth =
    small && large && small.rowsReadPerSync > 0
      ? Math.round((large.rowsReadPerSync / small.rowsReadPerSync) * 10) / 10
      : null;
  return {
    key: 'S6',
    title: 'Rows read per sync at two database sizes',
    result: { sizes: results, growth },
    lines: [
      ...results.flatMap((r) => [
        `${r.storedSubscriptions.toLocaleString('en')} subscriptions (${r.scheduleEntries.toLocaleString('en')} schedule entries, ${r.events.toLocaleString('en')} events): ${r.rowsReadPerSync.toLocaleString('en')} rows read per sync, ${r.seqScansPerSync} sequential scans per sync`,
        `  top tables: ${r.topTables.map((t) => `${t.table} ${t.rowsPerSync.toLocaleString('en')} rows (${t.seqScansPerSync} seq scans)`).join(', ')}`,
        `  sequential scans per sync: ${
          Object.entries(r.seqScannedTables)
            .map(([table, n]) => `${table} ${n}`)
            .join(', ') || 'none'
        }`,
        `  ${r.syncs} syncs (${formatStatuses(r.syncStatuses)}); raw ${r.rowsReadPerSyncRaw.toLocaleString('en')} rows/sync minus idle pollers' ${r.idleRowsReadPerSecond.toLocaleString('en')} rows/s; filled in ${r.fillSeconds.toFixed(1)} s`,
      ]),
      growth === null
        ? 'growth: not measured'
        : `growth: ×${growth} rows per sync for ×10 subscriptions${growth > 3 ? ' (grows with the table: look for a missing index)' : ' (about flat)'}`,
    ],
  };
}

async function count(pool: Pool, table: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/** seq_tup_read + idx_tup_fetch per table of the public schema. */
async function tableReads(pool: Pool): Promise<TableReads> {
  await pool.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await pool.query<{
    relname: string;
    seq_scan: string | null;
    seq_tup_read: string | null;
    idx_tup_fetch: string | null;
  }>(
    `SELECT relname, seq_scan, seq_tup_read, idx_tup_fetch
     FROM pg_stat_user_tables WHERE schemaname = 'public'`,
  );
  return new Map(
    rows.map((row) => [
      row.relname,
      {
        rows: Number(row.seq_tup_read ?? 0) + Number(row.idx_tup_fetch ?? 0),
        seqScans: Number(row.seq_scan ?? 0),
      },
    ]),
  );
}

function diff(after: TableReads, before: TableReads): TableReads {
  return new Map(
    [...after].map(([table, reads]) => {
      const was = before.get(table) ?? { rows: 0, seqScans: 0 };
      return [table, { rows: reads.rows - was.rows, seqScans: reads.seqScans - was.seqScans }];
    }),
  );
}

/** Syncs each subscription once through the gateway, eight at a time; statuses of the answers. */
async function syncAll(ctx: BenchContext, refs: string[]): Promise<Record<string, number>> {
  const gateway = requireGateway(ctx);
  const statuses: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < refs.length && !ctx.signal.aborted) {
      const answer: HttpAnswer = await gateway.syncZuoraSubscription(refs[next++]!);
      statuses[String(answer.status)] = (statuses[String(answer.status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return statuses;
}

/** What a bill run does in Zuora: each recurring charge is billed one period further, in place. */
export async function billRun(ctx: BenchContext, refs: readonly string[]): Promise<void> {
  for (const ref of refs) {
    const current = (await ctx.sandbox.patchInPlace(ref, {})) as {
      ratePlans: { ratePlanCharges: { type: string; chargedThroughDate: string | null }[] }[];
    };
    const charged = current.ratePlans
      .flatMap((plan) => plan.ratePlanCharges)
      .find((charge) => charge.type === 'Recurring')?.chargedThroughDate;
    if (!charged) throw new Error(`${ref} has no billed recurring charge to move on`);
    await ctx.sandbox.patchInPlace(ref, {
      charges: { chargedThroughDate: addOneMonth(charged), processedThroughDate: charged },
    });
  }
}

/** `2025-01-31` → `2025-02-28`: a month on, clamped to the end of a shorter month. */
export function addOneMonth(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
