import type { DataSource } from 'typeorm';

/** One process's samples in one slot: counters summed, gauges as last seen. */
export interface ProcessSlotRow {
  slot: number;
  service: string;
  process: string;
  lastAt: Date;
  succeeded: number;
  failed: number;
  skipped: number;
  coalesced: number;
  deadLetters: number;
  upstreamRequests: number;
  upstreamSeconds: number;
  rateLimited: number;
  consumerLag: number | null;
  outboxBacklog: number | null;
  outboxOldestAgeSeconds: number | null;
}

/** Upstream exchanges at or under `le` seconds in one slot, every process together. */
export interface LatencyBucketRow {
  slot: number;
  le: string;
  count: number;
}

/** A window of epoch seconds, cut into slots of `stepSeconds`. */
export interface OverviewRange {
  from: number;
  to: number;
  stepSeconds: number;
}

export interface OverviewQuery {
  read(window: OverviewRange): Promise<{ rows: ProcessSlotRow[]; buckets: LatencyBucketRow[] }>;
}

const SLOT = 'floor(extract(epoch FROM taken_at) / $3)::bigint';
const RANGE = 'taken_at >= to_timestamp($1) AND taken_at < to_timestamp($2)';
const counter = (path: string) => `coalesce(sum((sample #>> '{${path}}')::float8), 0)`;
const lastGauge = (field: string) =>
  `(array_agg((sample ->> '${field}')::float8 ORDER BY taken_at DESC))[1]`;

interface RawProcessSlot extends Omit<ProcessSlotRow, 'slot'> {
  slot: string;
}

/**
 * Reads the window's samples from `metric_samples`, already folded per slot and process (and
 * per slot and latency bucket), so an answer holds slots × processes rows whatever the sample
 * rate; both queries read the `taken_at` index over the window only.
 */
export class OverviewQueryTypeOrm implements OverviewQuery {
  constructor(private readonly dataSource: DataSource) {}

  async read(
    window: OverviewRange,
  ): Promise<{ rows: ProcessSlotRow[]; buckets: LatencyBucketRow[] }> {
    const params = [window.from, window.to, window.stepSeconds];
    const rows: RawProcessSlot[] = await this.dataSource.query(
      `SELECT ${SLOT} AS slot, service, process::text AS process, max(taken_at) AS "lastAt",
              ${counter('syncs,succeeded')} AS succeeded,
              ${counter('syncs,failed')} AS failed,
              ${counter('syncs,skipped')} AS skipped,
              ${counter('coalesced')} AS coalesced,
              ${counter('deadLetters')} AS "deadLetters",
              ${counter('upstreamRequests')} AS "upstreamRequests",
              ${counter('upstreamSeconds')} AS "upstreamSeconds",
              ${counter('rateLimited')} AS "rateLimited",
              ${lastGauge('consumerLag')} AS "consumerLag",
              ${lastGauge('outboxBacklog')} AS "outboxBacklog",
              ${lastGauge('outboxOldestAgeSeconds')} AS "outboxOldestAgeSeconds"
         FROM metric_samples WHERE ${RANGE}
        GROUP BY 1, service, process`,
      params,
    );
    const buckets: { slot: string; le: string; count: number }[] = await this.dataSource.query(
      `SELECT ${SLOT} AS slot, bucket.key AS le, sum(bucket.value::float8) AS count
         FROM metric_samples, jsonb_each_text(sample -> 'upstreamBuckets') AS bucket
        WHERE ${RANGE}
        GROUP BY 1, 2`,
      params,
    );
    return {
      rows: rows.map((row) => ({ ...row, slot: Number(row.slot) })),
      buckets: buckets.map((bucket) => ({ ...bucket, slot: Number(bucket.slot) })),
    };
  }
}
