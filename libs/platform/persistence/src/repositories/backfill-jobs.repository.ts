import type { EntityManager } from 'typeorm';
import type { BackfillCounts, BackfillStatus, Provider } from '@subsync/domain';

/** A backfill job as stored, with the outcome counts of the Events it queued. */
export interface BackfillJob {
  id: string;
  provider: Provider;
  filter: Record<string, unknown>;
  status: BackfillStatus;
  /** Where listing goes on from (the provider's own shape); null before the first page. */
  checkpoint: unknown;
  listingDone: boolean;
  counts: BackfillCounts;
  /** The skipped part of `counts.skipped` that are syncs which ended skipped. */
  syncSkipped: number;
  pages: number;
  error: string | null;
  createdBy: string | null;
  correlationId: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

interface JobRow {
  id: string;
  provider: Provider;
  filter: Record<string, unknown>;
  status: BackfillStatus;
  checkpoint: unknown;
  listing_done: boolean;
  listed: number;
  queued: number;
  skipped: number;
  pages: number;
  error: string | null;
  created_by: string | null;
  correlation_id: string;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

interface OutcomeRow {
  backfill_id: string;
  succeeded: string;
  failed: string;
  skipped: string;
}

const JOB_COLUMNS = `id, provider, filter, status, checkpoint, listing_done, listed, queued, skipped,
  pages, error, created_by, correlation_id, created_at, updated_at, completed_at`;

export async function insertBackfillJob(
  manager: EntityManager,
  job: {
    id: string;
    provider: Provider;
    filter: object;
    createdBy: string | null;
    correlationId: string;
    now: Date;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO backfill_jobs (id, provider, filter, status, created_by, correlation_id,
                                created_at, updated_at)
     VALUES ($1, $2, $3, 'running', $4, $5, $6, $6)`,
    [job.id, job.provider, JSON.stringify(job.filter), job.createdBy, job.correlationId, job.now],
  );
}

/** Jobs by id, with their Events' outcome counts; unknown ids are left out. */
export async function findBackfillJobs(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<BackfillJob[]> {
  const rows: JobRow[] = await manager.query(
    `SELECT ${JOB_COLUMNS} FROM backfill_jobs WHERE id = ANY($1)
     ${options.lock === true ? 'FOR UPDATE' : ''}`,
    [ids],
  );
  return withOutcomes(manager, rows);
}

export async function findBackfillJob(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean } = {},
): Promise<BackfillJob | null> {
  return (await findBackfillJobs(manager, [id], options))[0] ?? null;
}

/** The newest jobs first, optionally of one status. */
export async function listBackfillJobs(
  manager: EntityManager,
  options: { limit: number; status?: BackfillStatus },
): Promise<BackfillJob[]> {
  const rows: JobRow[] = await manager.query(
    `SELECT ${JOB_COLUMNS} FROM backfill_jobs
     WHERE ($1::text IS NULL OR status = $1)
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [options.status ?? null, options.limit],
  );
  return withOutcomes(manager, rows);
}

export async function setBackfillStatus(
  manager: EntityManager,
  id: string,
  status: BackfillStatus,
  now: Date,
  error: string | null = null,
): Promise<void> {
  await manager.query(
    `UPDATE backfill_jobs
     SET status = $2::text, updated_at = $3::timestamptz, error = COALESCE($4::text, error),
         completed_at = CASE WHEN $2::text IN ('completed', 'cancelled', 'failed')
                             THEN $3::timestamptz END,
         lease_owner = CASE WHEN $2::text = 'running' THEN lease_owner END,
         lease_until = CASE WHEN $2::text = 'running' THEN lease_until END
     WHERE id = $1`,
    [id, status, now, error],
  );
}

/**
 * Takes the oldest running job of the provider whose lease is free or lapsed (or is already this
 * holder's), and leases it to `holder` for `leaseMs`. Several processes may call this at once:
 * SKIP LOCKED hands each a different job or none.
 */
export async function claimBackfillJob(
  manager: EntityManager,
  provider: Provider,
  holder: string,
  leaseMs: number,
): Promise<string | null> {
  // An UPDATE's result through TypeORM is [rows, affected count].
  const [rows]: [{ id: string }[], number] = await manager.query(
    `UPDATE backfill_jobs SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
     WHERE id = (
       SELECT id FROM backfill_jobs
       WHERE provider = $1 AND status = 'running'
         AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)
       ORDER BY created_at, id
       LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [provider, holder, leaseMs / 1000],
  );
  return rows[0]?.id ?? null;
}

/**
 * Locks the job for the rest of the transaction if `holder` still leases it and it is still
 * running; null otherwise (paused, cancelled, or taken over after a lapsed lease).
 */
export async function lockLeasedBackfillJob(
  manager: EntityManager,
  id: string,
  holder: string,
): Promise<BackfillJob | null> {
  const job = await findBackfillJob(manager, id, { lock: true });
  const rows: { lease_owner: string | null }[] = await manager.query(
    'SELECT lease_owner FROM backfill_jobs WHERE id = $1',
    [id],
  );
  if (job?.status !== 'running' || rows[0]?.lease_owner !== holder) return null;
  return job;
}

/** Extends the lease while the holder works (e.g. waits for its queued syncs to drain). */
export async function renewBackfillLease(
  manager: EntityManager,
  id: string,
  holder: string,
  leaseMs: number,
): Promise<boolean> {
  const [rows]: [unknown[], number] = await manager.query(
    `UPDATE backfill_jobs SET lease_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING id`,
    [id, holder, leaseMs / 1000],
  );
  return rows.length > 0;
}

/** What listing one page of a backfill did: where to go on from, and what it counted. */
export interface BackfillPageSave {
  checkpoint: unknown;
  listingDone: boolean;
  listed: number;
  queued: number;
  skipped: number;
  now: Date;
}

/** The checkpoint after a page, in the transaction that queued the page's syncs. */
export async function saveBackfillPage(
  manager: EntityManager,
  id: string,
  page: BackfillPageSave,
): Promise<void> {
  await manager.query(
    `UPDATE backfill_jobs
     SET checkpoint = $2, listing_done = $3, listed = listed + $4, queued = queued + $5,
         skipped = skipped + $6, pages = pages + 1, updated_at = $7
     WHERE id = $1`,
    [
      id,
      page.checkpoint === null ? null : JSON.stringify(page.checkpoint),
      page.listingDone,
      page.listed,
      page.queued,
      page.skipped,
      page.now,
    ],
  );
}

/** Syncs the job queued that have not finished yet. */
export async function pendingBackfillSyncs(manager: EntityManager, id: string): Promise<number> {
  const rows: { n: string }[] = await manager.query(
    `SELECT count(*) AS n FROM events WHERE backfill_id = $1 AND status = 'queued'`,
    [id],
  );
  return Number(rows[0]?.n ?? 0);
}

async function withOutcomes(manager: EntityManager, rows: JobRow[]): Promise<BackfillJob[]> {
  if (rows.length === 0) return [];
  const outcomes: OutcomeRow[] = await manager.query(
    `SELECT backfill_id,
            count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
            count(*) FILTER (WHERE status = 'failed') AS failed,
            count(*) FILTER (WHERE status = 'skipped') AS skipped
     FROM events WHERE backfill_id = ANY($1) GROUP BY backfill_id`,
    [rows.map((row) => row.id)],
  );
  const byJob = new Map(outcomes.map((o) => [o.backfill_id, o]));
  return rows.map((row) => {
    const outcome = byJob.get(row.id);
    const syncSkipped = Number(outcome?.skipped ?? 0);
    return {
      id: row.id,
      provider: row.provider,
      filter: row.filter,
      status: row.status,
      checkpoint: row.checkpoint,
      listingDone: row.listing_done,
      counts: {
        listed: row.listed,
        queued: row.queued,
        succeeded: Number(outcome?.succeeded ?? 0),
        failed: Number(outcome?.failed ?? 0),
        skipped: row.skipped + syncSkipped,
      },
      syncSkipped,
      pages: row.pages,
      error: row.error,
      createdBy: row.created_by,
      correlationId: row.correlation_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      completedAt: row.completed_at,
    };
  });
}
