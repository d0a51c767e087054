import type { EntityManager } from 'typeorm';
import type { Provider } from '@subsync/domain';

/**
 * Claims the provider's sweep when it is due: moves `next_run_at` one interval on and returns
 * the high-water mark, or null when the sweep is not due or another process just claimed it.
 * The first claim starts the mark at `firstWatermark`.
 */
export async function claimReconcileSweep(
  manager: EntityManager,
  provider: Provider,
  input: { now: Date; intervalMs: number; firstWatermark: Date },
): Promise<Date | null> {
  const next = new Date(input.now.getTime() + input.intervalMs);
  await manager.query(
    `INSERT INTO reconcile_watermarks (provider, watermark, next_run_at)
     VALUES ($1, $2, $3) ON CONFLICT (provider) DO NOTHING`,
    [provider, input.firstWatermark, input.now],
  );
  // An UPDATE's result through TypeORM is [rows, affected count].
  const [rows]: [{ watermark: Date }[], number] = await manager.query(
    `UPDATE reconcile_watermarks SET next_run_at = $3
     WHERE provider = $1 AND next_run_at <= $2
     RETURNING watermark`,
    [provider, input.now, next],
  );
  return rows[0]?.watermark ?? null;
}

/** Moves the mark forward (never back) once a sweep has queued what changed up to it. */
export async function advanceReconcileWatermark(
  manager: EntityManager,
  provider: Provider,
  input: { watermark: Date; now: Date; queued: number },
): Promise<void> {
  await manager.query(
    `UPDATE reconcile_watermarks
     SET watermark = GREATEST(watermark, $2), last_run_at = $3, last_queued = last_queued + $4
     WHERE provider = $1`,
    [provider, input.watermark, input.now, input.queued],
  );
}
