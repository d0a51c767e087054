import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '@subsync/testkit';
import { bulkSubscriptionNumber } from '@subsync/zuora-sandbox';
import { openConsoleTab } from './support/console-page';
import { eventually, RunningSystem } from './support/running-system';

// The console's Backfills pages in headless Chromium against the gateway and zuora-sync as
// processes on real Kafka and PostgreSQL: a backfill started from the form, its progress bar
// moving, pause and resume from the page, and its failures leading to replayable Events.

jest.setTimeout(300_000);

const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-output', 'console');
/** Enough for a backfill to run for several seconds with the sandbox's latency below. */
const COUNT = 300;
const LATENCY_MS = 60;
/** Bulk subscriptions whose sync Zuora refuses once: the job's failures. */
const REFUSED = [bulkSubscriptionNumber(3), bulkSubscriptionNumber(7)];

interface Job {
  id: string;
  status: string;
  listingDone: boolean;
  counts: { listed: number; queued: number; succeeded: number; failed: number; skipped: number };
  pending: number;
}

describe('Operator console: backfills', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      // Fewer syncs at once and smaller listing steps, so the bar has time to be watched.
      env: { BACKFILL_MAX_PENDING: '40', SYNC_MAX_IN_FLIGHT: '4' },
    });
    system.sandbox.seedBulk({ subscriptions: COUNT, start: 1 });
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    ({ page, errors: pageErrors } = await openConsoleTab(browser));
  });

  afterEach(async () => {
    await page?.close();
    // Script errors and resources the Content-Security-Policy blocked fail the test.
    expect(pageErrors).toEqual([]);
    await system.admin('DELETE', '/faults');
    system.sandbox.configure({ latencyMs: 0 });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const shoot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const open = async (path: string, token?: string) => {
    await page.goto(
      `${system.gatewayUrl}/console/${path}#token=${token ?? (await system.token())}`,
    );
  };
  const job = async (id: string) => (await system.api('GET', `/api/backfills/${id}`)).body as Job;
  /** The refs of a job's Events, through the events list's `backfill` filter. */
  const eventRefsOf = async (id: string) => {
    const refs: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `backfill=${id}&limit=200${cursor === '' ? '' : `&cursor=${cursor}`}`;
      const { body } = await system.api('GET', `/api/events?${query}`);
      const page = body as { data: { ref: string }[]; nextCursor: string | null };
      refs.push(...page.data.map((event) => event.ref));
      cursor = page.nextCursor;
    }
    return refs;
  };
  const barOf = (row: Locator) => row.getByTestId('backfill-progress').locator('progress');
  const valueOf = async (bar: Locator) => Number(await bar.getAttribute('value'));

  it('starts a backfill from the form and shows its progress bar moving to the end', async () => {
    system.sandbox.configure({ latencyMs: LATENCY_MS });
    for (const ref of REFUSED) {
      await system.admin('POST', '/faults', {
        type: 'zuora-error',
        category: 10,
        message: 'Operation not permitted for this user',
        pathPrefix: `/v1/subscriptions/${ref}`,
      });
    }
    await open('backfills');
    await page.getByText('No backfills yet').waitFor();
    const form = page.getByRole('form', { name: 'Start a backfill' });
    await form.getByLabel('Provider').selectOption('zuora');
    await form.getByRole('button', { name: 'Start backfill' }).click();
    await page.waitForURL(/\/console\/backfills\/backfill-[0-9a-f]{32}$/);
    const id = /backfill-[0-9a-f]{32}/.exec(page.url())![0];
    expect(await job(id)).toMatchObject({ status: 'running' });

    // The list, polled: the bar's value grows between two looks while the job runs.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Backfills' })
      .click();
    const row = page.locator(`[data-testid="backfill-row"][data-backfill-id="${id}"]`);
    const bar = barOf(row);
    await bar.waitFor();
    const first = await eventually(async () => {
      const value = await valueOf(bar);
      expect(value).toBeGreaterThan(0);
      return value;
    }, 60_000);
    const second = await eventually(async () => {
      const value = await valueOf(bar);
      expect(value).toBeGreaterThan(first);
      return value;
    }, 30_000);
    expect(second).toBeLessThan(COUNT);
    expect(await row.getAttribute('data-status')).toBe('running');
    await shoot('backfill-running');

    // Ends complete, with the API's counts on the page.
    await page
      .locator(`[data-testid="backfill-row"][data-backfill-id="${id}"][data-status="completed"]`)
      .waitFor({ timeout: 180_000 });
    const done = await job(id);
    expect(done.counts.listed).toBeGreaterThanOrEqual(COUNT);
    expect(done.counts.queued).toBe(done.counts.listed);
    expect(done.counts.succeeded + done.counts.failed + done.counts.skipped).toBe(
      done.counts.queued,
    );
    expect(done.counts.failed).toBe(REFUSED.length);
    // Every bulk subscription was synced once by this job (the demo tenant's too).
    const refs = await eventRefsOf(id);
    expect(refs).toHaveLength(done.counts.queued);
    expect(new Set(refs).size).toBe(refs.length);
    for (let i = 1; i <= COUNT; i += 1) expect(refs).toContain(bulkSubscriptionNumber(i));
    await eventually(async () => {
      expect(await valueOf(bar)).toBe(done.counts.queued);
      expect(Number(await bar.getAttribute('max'))).toBe(done.counts.queued);
    });
    expect(await row.getByTestId('count-succeeded').textContent()).toBe(
      String(done.counts.succeeded),
    );
    expect(await row.getByTestId('count-failed').textContent()).toBe(String(done.counts.failed));
    expect(await row.getByTestId('backfill-progress').textContent()).toContain('100%');
    await shoot('backfill-done');

    // The job's page lists each failure, linking to its Event, where it can be replayed.
    await row.getByRole('link', { name: id }).click();
    await page.waitForURL(new RegExp(`/console/backfills/${id}$`));
    const failures = page.getByTestId('event-row');
    await eventually(async () =>
      expect(new Set(await failures.locator('td:nth-child(5)').allTextContents())).toEqual(
        new Set(REFUSED),
      ),
    );
    const refused = failures.filter({ hasText: REFUSED[0] });
    const eventId = await refused.getAttribute('data-event-id');
    await shoot('backfill-job');
    await refused.getByRole('link', { name: eventId! }).click();
    await page.waitForURL(new RegExp(`/console/events/${eventId}$`));
    expect(await page.getByTestId('event-error').textContent()).toContain(
      'Operation not permitted',
    );
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.locator('[data-status="succeeded"]').first().waitFor({ timeout: 60_000 });
  });

  /** A backfill of every subscription, slowed by the sandbox so it is still listing for a while. */
  const slowBackfill = async () => {
    system.sandbox.configure({ latencyMs: 300 });
    const started = await system.api('POST', '/api/backfills', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'zuora', filter: {} }),
    });
    expect(started.status).toBe(202);
    return (started.body as Job).id;
  };

  it('pauses and resumes a running backfill from its page', async () => {
    const id = await slowBackfill();
    await open(`backfills/${id}`);
    await page.getByRole('button', { name: 'Pause' }).click();
    await eventually(async () => expect((await job(id)).status).toBe('paused'));
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    await shoot('backfill-paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await eventually(async () => expect((await job(id)).status).toBe('running'));
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    await page.getByRole('button', { name: 'Cancel backfill' }).click();
    await eventually(async () => expect((await job(id)).status).toBe('cancelled'));
    await page.locator('.page-head [data-status="cancelled"]').waitFor();
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(0);
  });

  it('shows a read-only token the jobs but no start form and no buttons', async () => {
    const id = await slowBackfill();
    expect((await system.api('POST', `/api/backfills/${id}/pause`)).status).toBe(200);
    const reader = await system.token({ roles: ['read'] });

    await open(`backfills/${id}`, reader);
    await page.getByTestId('session').filter({ hasText: 'read' }).waitFor();
    await page.getByTestId('backfill-facts').waitFor();
    for (const name of ['Pause', 'Resume', 'Cancel backfill']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    await shoot('backfill-read-only');

    await open('backfills', reader);
    await page.getByTestId('session').filter({ hasText: 'read' }).waitFor();
    await page.locator(`[data-testid="backfill-row"][data-backfill-id="${id}"]`).waitFor();
    expect(await page.getByRole('form', { name: 'Start a backfill' }).count()).toBe(0);

    // The same paused job shows an operator its buttons: the role, not the page, hid them.
    // (Another path than the last, so the page loads again and takes the new token.)
    await open(`backfills/${id}`);
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect((await system.api('POST', `/api/backfills/${id}/cancel`)).status).toBe(200);
  });
});
