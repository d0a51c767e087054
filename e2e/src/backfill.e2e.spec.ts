import { Client } from 'pg';
import { stripeBulkSubscriptionId } from '@subsync/stripe-sandbox';
import { bulkSubscriptionNumber } from '@subsync/zuora-sandbox';
import { eventually, RunningSystem } from './support/running-system';

jest.setTimeout(600_000);

interface BackfillBody {
  id: string;
  provider: string;
  status: string;
  listingDone: boolean;
  counts: { listed: number; queued: number; succeeded: number; failed: number; skipped: number };
  pending: number;
  throughputPerSecond: number;
  estimatedSecondsLeft: number | null;
}

const COUNT = 2_000;
const RECONCILE_INTERVAL_MS = 4_000;

describe('backfills and the reconcile sweep end to end', () => {
  let system: RunningSystem;
  let db: Client;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      env: {
        // Volume, not Stripe's test-mode pace, is under test here.
        STRIPE_REQUESTS_PER_SECOND: '1000',
        BACKFILL_LEASE_MS: '3000',
        BACKFILL_MAX_PENDING: '150',
        RECONCILE_INTERVAL_MS: String(RECONCILE_INTERVAL_MS),
        RECONCILE_OVERLAP_MS: '2000',
      },
      stripe: { rateLimitPerSecond: Infinity },
    });
    // Stripe's own pace is not under test: more syncs at once than its 25 requests a second allow.
    await system.startService('stripe-sync', 1, { SYNC_MAX_IN_FLIGHT: '48' });
    system.sandbox.seedBulk({ subscriptions: COUNT, start: 1 });
    system.stripe.seedBulk({ subscriptions: COUNT, start: 1 });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  async function startBackfill(body: unknown): Promise<BackfillBody> {
    const response = await system.api('POST', '/api/backfills', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    return response.body as BackfillBody;
  }

  async function backfill(id: string): Promise<BackfillBody> {
    const response = await system.api('GET', `/api/backfills/${id}`);
    expect(response.status).toBe(200);
    return response.body as BackfillBody;
  }

  async function completed(id: string, timeoutMs = 300_000): Promise<BackfillBody> {
    return eventually(async () => {
      const job = await backfill(id);
      expect(job.status).toBe('completed');
      return job;
    }, timeoutMs);
  }

  /** Refs the job synced more than once (each should have one Event). */
  async function syncedTwice(id: string): Promise<string[]> {
    const { rows } = await db.query<{ ref: string }>(
      'SELECT ref FROM events WHERE backfill_id = $1 GROUP BY ref HAVING count(*) > 1',
      [id],
    );
    return rows.map((row) => row.ref);
  }

  it('refuses bad filters with a 400 that names the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ provider: 'chargebee' }, /provider/],
      [{ provider: 'zuora', filter: { updatedSince: 'yesterday' } }, /filter\.updatedSince/],
      [{ provider: 'stripe', filter: { accounts: ['x'] } }, /accounts/],
      [
        {
          provider: 'stripe',
          filter: { createdFrom: '2026-02-01T00:00:00Z', createdTo: '2026-01-01T00:00:00Z' },
        },
        /createdTo/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await system.api('POST', '/api/backfills', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect((response.body as { message: string }).message).toMatch(message);
    }
    const { rows } = await db.query('SELECT id FROM backfill_jobs');
    expect(rows).toHaveLength(0);
  });

  it(`imports ${COUNT} Zuora subscriptions once each, with the right counts`, async () => {
    const started = await startBackfill({ provider: 'zuora' });
    expect(started).toMatchObject({ provider: 'zuora', status: 'running' });
    const job = await completed(started.id);
    // The bulk subscriptions and the demo tenant's.
    const { rows: demo } = await db.query<{ ref: string }>(
      `SELECT ref FROM events WHERE backfill_id = $1 AND ref NOT LIKE 'A-S9%'`,
      [started.id],
    );
    const total = COUNT + demo.length;
    expect(job.counts).toEqual({
      listed: total,
      queued: total,
      succeeded: job.counts.succeeded,
      failed: job.counts.failed,
      skipped: 0,
    });
    expect(job.counts.succeeded + job.counts.failed).toBe(total);
    expect(job.pending).toBe(0);
    expect(job.throughputPerSecond).toBeGreaterThan(0);
    expect(await syncedTwice(started.id)).toEqual([]);
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM subscription_references
       WHERE provider = 'zuora' AND kind = 'subscription' AND value LIKE 'A-S9%'`,
    );
    expect(Number(rows[0]?.n)).toBe(COUNT);
    const sample = await system.api('GET', `/api/subscriptions/${bulkSubscriptionNumber(1_234)}`);
    expect(sample.status).toBe(200);
    // Every bulk subscription succeeded; only demo subscriptions may fail on purpose.
    const { rows: failedBulk } = await db.query(
      `SELECT ref FROM events WHERE backfill_id = $1 AND status <> 'succeeded' AND ref LIKE 'A-S9%'`,
      [started.id],
    );
    expect(failedBulk).toEqual([]);
  });

  it(`imports ${COUNT} Stripe subscriptions once each, with the right counts`, async () => {
    const started = await startBackfill({ provider: 'stripe', filter: {} });
    const job = await completed(started.id);
    const { rows: demo } = await db.query<{ ref: string }>(
      `SELECT ref FROM events WHERE backfill_id = $1 AND ref NOT LIKE 'sub_bulk%'`,
      [started.id],
    );
    const total = COUNT + demo.length;
    expect(job.counts.listed).toBe(total);
    expect(job.counts.queued).toBe(total);
    expect(job.counts.succeeded + job.counts.failed + job.counts.skipped).toBe(total);
    expect(await syncedTwice(started.id)).toEqual([]);
    const { rows: bulk } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM events
       WHERE backfill_id = $1 AND ref LIKE 'sub_bulk%' AND status = 'succeeded'`,
      [started.id],
    );
    expect(Number(bulk[0]?.n)).toBe(COUNT);
    const sample = await system.api('GET', `/api/subscriptions/${stripeBulkSubscriptionId(777)}`);
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ source: 'stripe' });
  });

  it('resumes a backfill whose worker was killed halfway, syncing nothing twice', async () => {
    const started = await startBackfill({ provider: 'zuora' });
    await eventually(async () => {
      const job = await backfill(started.id);
      expect(job.counts.queued).toBeGreaterThanOrEqual(COUNT / 4);
    }, 120_000);
    await system.service('zuora-sync').kill('SIGKILL');
    const halfway = await backfill(started.id);
    expect(halfway.status).toBe('running');
    expect(halfway.listingDone).toBe(false);
    await system.startService('zuora-sync');

    const job = await completed(started.id);
    expect(job.counts.listed).toBe(job.counts.queued);
    expect(job.counts.listed).toBeGreaterThanOrEqual(COUNT);
    expect(job.counts.succeeded + job.counts.failed).toBe(job.counts.queued);
    expect(await syncedTwice(started.id)).toEqual([]);
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(DISTINCT ref) AS n FROM events WHERE backfill_id = $1 AND ref LIKE 'A-S9%'`,
      [started.id],
    );
    expect(Number(rows[0]?.n)).toBe(COUNT);
  });

  it('pauses, resumes and cancels, and refuses what a state does not allow', async () => {
    const started = await startBackfill({
      provider: 'stripe',
      filter: { customers: ['cus_bulk0000001', 'cus_bulk0000002'] },
    });
    const paused = await system.api('POST', `/api/backfills/${started.id}/pause`);
    if (paused.status === 200) {
      expect(paused.body).toMatchObject({ status: 'paused' });
      expect((await system.api('POST', `/api/backfills/${started.id}/pause`)).status).toBe(409);
      const resumed = await system.api('POST', `/api/backfills/${started.id}/resume`);
      expect(resumed.body).toMatchObject({ status: 'running' });
    } else {
      // It finished first: two customers are one page each.
      expect(paused.status).toBe(409);
    }
    const job = await completed(started.id);
    expect(job.counts.listed).toBe(2);
    expect((await system.api('POST', `/api/backfills/${started.id}/cancel`)).status).toBe(409);
    expect((await system.api('GET', '/api/backfills/backfill-unknown')).status).toBe(404);
    const list = await system.api('GET', '/api/backfills?status=completed');
    expect((list.body as { data: BackfillBody[] }).data.map((b) => b.id)).toContain(started.id);
  });

  it('picks up changes made upstream with no callout or webhook within one interval', async () => {
    const zuoraNumber = bulkSubscriptionNumber(42);
    const stripeId = stripeBulkSubscriptionId(42);
    // Held by the platform already (the backfills above imported them; alone, this test syncs them).
    for (const path of [
      `/api/plugins/zuora/sync/subscription/${zuoraNumber}`,
      `/api/plugins/stripe/sync/subscription/${stripeId}`,
    ]) {
      expect((await system.api('POST', path)).status).toBe(200);
    }
    const before = await system.api('GET', `/api/subscriptions/${zuoraNumber}`);
    expect(before.body).toMatchObject({ autoRenew: true });
    const stripeBefore = await system.api('GET', `/api/subscriptions/${stripeId}`);
    expect(stripeBefore.body).toMatchObject({ autoRenew: true });

    const changedAt = Date.now();
    system.sandbox.store.patchSubscription(zuoraNumber, { autoRenew: false });
    system.stripe.store.patchSubscription(stripeId, { cancel_at_period_end: true });

    await eventually(async () => {
      const after = await system.api('GET', `/api/subscriptions/${zuoraNumber}`);
      expect(after.body).toMatchObject({ autoRenew: false });
      const stripeAfter = await system.api('GET', `/api/subscriptions/${stripeId}`);
      expect(stripeAfter.body).toMatchObject({ autoRenew: false });
    }, 3 * RECONCILE_INTERVAL_MS);
    expect(Date.now() - changedAt).toBeLessThan(3 * RECONCILE_INTERVAL_MS);
    const { rows } = await db.query<{ ref: string }>(
      `SELECT ref FROM events WHERE trigger = 'reconcile' AND ref = ANY($1) AND status = 'succeeded'`,
      [[zuoraNumber, stripeId]],
    );
    expect(new Set(rows.map((row) => row.ref))).toEqual(new Set([zuoraNumber, stripeId]));
  });
});
