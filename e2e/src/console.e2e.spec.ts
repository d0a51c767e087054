import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '@subsync/testkit';
import { openConsoleTab } from './support/console-page';
import { eventually, RunningSystem } from './support/running-system';

// The operator console in real headless Chromium (Debian's, through playwright-core), against
// the gateway and zuora-sync as processes on real Kafka and PostgreSQL. Each page's screenshot
// goes to test-output/console/.

const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-output', 'console');

interface EventDetail {
  id: string;
  replayable: { ok: boolean; reason: string | null };
  status: string;
  trigger: string;
  replayOf: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

describe('Operator console', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Samples every second, so the overview's charts have the syncs without waiting.
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      env: { METRICS_SAMPLE_INTERVAL_MS: '1000' },
    });
    browser = await launchBrowser();
  });

  // Script errors and blocked resources (say, by the Content-Security-Policy) fail the test.
  let pageErrors: string[] = [];

  beforeEach(async () => {
    ({ page, errors: pageErrors } = await openConsoleTab(browser));
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
    await system.admin('DELETE', '/faults');
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const shoot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const open = async (path: string) => {
    await page.goto(`${system.gatewayUrl}/console/${path}#token=${await system.token()}`);
  };
  const syncByApi = (id: string) =>
    system.api('POST', `/api/plugins/zuora/sync/subscription/${id}`);
  /** A sync that Zuora refuses (a replayable failure); the id of its Event. */
  const failedSync = async (ref: string) => {
    await system.admin('POST', '/faults', {
      type: 'zuora-error',
      category: 10,
      message: 'Operation not permitted for this user',
      pathPrefix: '/v1/subscriptions',
    });
    const failed = await syncByApi(ref);
    expect(failed.status).toBe(502);
    await system.admin('DELETE', '/faults');
    return failed.headers.get('x-event-id')!;
  };
  const eventById = async (id: string) =>
    (await system.api('GET', `/api/events/${id}`)).body as EventDetail;

  it('asks for a token, and opens on the Events log once signed in', async () => {
    expect((await syncByApi('A-S00000271')).status).toBe(200);

    await page.goto(`${system.gatewayUrl}/console/`);
    await page.getByLabel('Bearer token').waitFor();
    await shoot('sign-in');
    await page.getByLabel('Bearer token').fill('not-a-jwt');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The gateway rejected the token' }).waitFor();

    await page.getByLabel('Bearer token').fill(await system.token());
    await page.getByRole('button', { name: 'Sign in' }).click();
    const rows = page.getByTestId('event-row');
    await rows.first().waitFor();
    expect(await rows.first().getByText('A-S00000271').count()).toBeGreaterThan(0);
    await shoot('events');
  });

  it('filters the events by status and says when nothing matches', async () => {
    expect((await syncByApi('A-S09999999')).status).toBe(502);
    await open('events');
    await page.getByTestId('event-row').first().waitFor();

    const filters = page.getByRole('form', { name: 'Event filters' });
    await filters.getByLabel('Status', { exact: true }).selectOption('failed');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=failed/);
    await eventually(async () => expect(await statusesShown(page)).toEqual(['failed']));
    const refs = await page.getByTestId('event-row').allTextContents();
    expect(refs.some((text) => text.includes('A-S09999999'))).toBe(true);
    expect(refs.some((text) => text.includes('A-S00000271'))).toBe(false);
    await shoot('events-failed');

    await filters.getByLabel('Subscription', { exact: true }).fill('A-S00000000-none');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No events match these filters').waitFor();
  });

  it('syncs a subscription whose term changed in Zuora and shows the new term end and event', async () => {
    const imported = await syncByApi('A-S00000271');
    expect(imported.status).toBe(200);
    const before = (await system.api('GET', '/api/subscriptions/A-S00000271')).body as {
      termEnd: string;
    };
    // The list finds it by its customer's name, and opens it.
    await open('subscriptions');
    await page.getByTestId('subscription-row').first().waitFor();
    await page.getByLabel('Search', { exact: true }).fill('Hartley');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/search=Hartley/);
    await eventually(async () =>
      expect(
        await attributesOf(page.getByTestId('subscription-row'), 'data-subscription-id'),
      ).toEqual([(imported.body as { id: string }).id]),
    );
    await shoot('subscriptions');
    await page.getByRole('link', { name: 'A-S00000271', exact: true }).click();
    await page.waitForURL(/\/console\/subscriptions\/sub-/);
    await eventually(async () =>
      expect(await page.getByTestId('term-end').textContent()).toBe(before.termEnd),
    );
    await shoot('subscription');

    // Zuora renews the subscription on its own: the term now ends a year later.
    const renewedEnd = `${Number(before.termEnd.slice(0, 4)) + 1}${before.termEnd.slice(4)}`;
    await system.admin('PATCH', '/subscriptions/A-S00000271', { termEndDate: renewedEnd });
    await page.getByRole('button', { name: 'Sync', exact: true }).click();

    const outcome = page.getByTestId('sync-outcome');
    await outcome.waitFor();
    await eventually(async () =>
      expect(await outcome.getAttribute('data-outcome')).toBe('succeeded'),
    );
    expect(await outcome.textContent()).toMatch(/Synced\. \d+ fields? changed/);
    await eventually(async () =>
      expect(await page.getByTestId('term-end').textContent()).toBe(renewedEnd),
    );
    await shoot('subscription-synced');

    // The new Event is the one the page links to: asked for from the UI, term end changed.
    const href = await outcome.getByRole('link').first().getAttribute('href');
    const eventId = /event-[0-9a-f]+/.exec(href ?? '')?.[0];
    expect(eventId).toMatch(/^event-[0-9a-f]{32}$/);
    const event = await eventById(eventId!);
    expect(event).toMatchObject({ status: 'succeeded', trigger: 'ui' });
    expect(event.changes).toContainEqual({
      field: 'subscription.termEnd',
      before: before.termEnd,
      after: renewedEnd,
    });
    await open(`events?subscription=A-S00000271`);
    await page.locator(`[data-testid="event-row"][data-event-id="${eventId}"]`).waitFor();
  });

  it('offers to import an id nobody holds from the providers the gateway names for it', async () => {
    // A Stripe-shaped id: only Stripe is offered (the gateway's GET /api/providers says so).
    await open('subscriptions/sub_1ConsoleUnknown');
    await page.getByText('No subscription known as “sub_1ConsoleUnknown”').waitFor();
    await page.getByRole('button', { name: 'Import from Stripe' }).waitFor();
    expect(await page.getByRole('button', { name: /^Import from/ }).allTextContents()).toEqual([
      'Import from Stripe',
    ]);

    // A Zuora number: Zuora, whose ids have no fixed shape, is offered, and the import lands on
    // the new subscription's page.
    await open('subscriptions/A-S00000277');
    const importButton = page.getByRole('button', { name: 'Import from Zuora' });
    await importButton.waitFor();
    expect(await page.getByRole('button', { name: /^Import from/ }).count()).toBe(1);
    await shoot('subscription-unknown');
    await importButton.click();
    await page.waitForURL(/\/console\/subscriptions\/sub-/);
    const imported = (await system.api('GET', '/api/subscriptions/A-S00000277')).body as {
      id: string;
      source: string;
    };
    expect(imported.source).toBe('zuora');
    expect(page.url()).toContain(`/console/subscriptions/${imported.id}`);
  });

  it('replays a failed event and follows the replay to its outcome', async () => {
    const failedId = await failedSync('A-S00000273');

    await open(`events/${failedId}`);
    const error = page.getByTestId('event-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Operation not permitted');
    await shoot('event-failed');

    await page.getByRole('button', { name: 'Replay' }).click();
    await page.waitForURL(
      (url) => url.pathname.includes('/events/') && !url.pathname.endsWith(failedId),
    );
    const replayId = /event-[0-9a-f]+$/.exec(new URL(page.url()).pathname)?.[0];
    expect(replayId).toMatch(/^event-[0-9a-f]{32}$/);
    await page.locator('[data-status="succeeded"]').first().waitFor({ timeout: 60_000 });
    await shoot('event-replayed');

    const replay = await eventually(async () => {
      const event = await eventById(replayId!);
      expect(event.status).toBe('succeeded');
      return event;
    });
    expect(replay.replayOf).toBe(failedId);
  });

  it('turns hot sync on and edits identity claims from the settings page', async () => {
    const provider = {
      issuer: 'https://login.example.com/',
      secret: 'console-e2e-secret-that-is-long-enough',
      identityClaims: [
        { claim: 'zuora_account', service: 'zuora', issuer: 'zuora', type: 'account' },
      ],
    };
    const created = await system.api('PUT', '/api/settings/auth-providers/storefront', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(provider),
    });
    expect(created.status).toBe(201);

    await open('settings');
    const toggle = page.getByRole('switch', { name: 'Hot sync at login' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByText('Saved').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect((await system.api('GET', '/api/settings/zuora')).body).toEqual({
      hotSyncEnabled: true,
    });

    const card = page.locator('article[data-provider-id="storefront"]');
    await card.getByRole('button', { name: 'Edit identity claims' }).click();
    await card.getByRole('button', { name: 'Add claim' }).click();
    await card.getByLabel('Claim 2', { exact: true }).fill('customer_ref');
    await card.getByLabel('Account lookup 2', { exact: true }).check();
    // A lookup field that is not a Zuora custom field is refused, in words, and nothing changes.
    await card.getByLabel('Lookup field 2', { exact: true }).fill('ExternalId');
    await card.getByRole('button', { name: 'Save claims' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved:' }).waitFor();
    await shoot('settings-invalid-claim');
    const unchanged = (await system.api('GET', '/api/settings/auth-providers/storefront')).body as {
      identityClaims: unknown[];
    };
    expect(unchanged.identityClaims).toHaveLength(1);

    await card.getByLabel('Lookup field 2', { exact: true }).fill('ExternalId__c');
    await card.getByRole('button', { name: 'Save claims' }).click();
    await eventually(async () => {
      const saved = (await system.api('GET', '/api/settings/auth-providers/storefront')).body as {
        identityClaims: unknown[];
      };
      expect(saved.identityClaims).toEqual([
        expect.objectContaining({ claim: 'zuora_account', accountLookup: false }),
        expect.objectContaining({
          claim: 'customer_ref',
          accountLookup: true,
          accountLookupField: 'ExternalId__c',
        }),
      ]);
    });
    await card.getByText('customer_ref').waitFor();
    await shoot('settings');
  });

  it('shows a read-only token no sync, replay or settings change', async () => {
    const reader = await system.token({ roles: ['read'] });
    const synced = await syncByApi('A-S00000271');
    const subscriptionId = (synced.body as { id: string }).id;
    const failedId = await failedSync('A-S00000272');
    expect((await eventById(failedId)).replayable).toEqual({ ok: true, reason: null });
    const openAsReader = async (path: string) => {
      await page.goto(`${system.gatewayUrl}/console/${path}#token=${reader}`);
      // The session says what the token may do; only then is what is hidden final.
      await page.getByTestId('session').filter({ hasText: 'read' }).waitFor();
    };

    await openAsReader(`subscriptions/${subscriptionId}`);
    await page.getByTestId('term-end').waitFor();
    expect(await page.getByTestId('session').textContent()).toBe('e2e · read');
    expect(await page.getByRole('button', { name: 'Sync', exact: true }).count()).toBe(0);
    await shoot('read-only-subscription');

    await openAsReader(`events/${failedId}`);
    await page.getByTestId('event-error').waitFor();
    expect(await page.getByRole('button', { name: 'Replay' }).count()).toBe(0);

    await openAsReader('settings');
    const toggle = page.getByRole('switch', { name: 'Hot sync at login' });
    await toggle.waitFor();
    expect(await toggle.isDisabled()).toBe(true);
    await page.getByTestId('read-only-settings').waitFor();
    await page.locator('article[data-provider-id="storefront"]').waitFor();
    expect(await page.getByRole('button', { name: 'Edit identity claims' }).count()).toBe(0);
    await shoot('read-only-settings');

    // An operator sees Replay on the same event (the role, not the page, hid it).
    await page.goto(
      `${system.gatewayUrl}/console/events/${failedId}#token=${await system.token({ roles: ['operate'] })}`,
    );
    await page.getByTestId('session').filter({ hasText: 'operate' }).waitFor();
    await page.getByTestId('event-error').waitFor();
    await page.getByRole('button', { name: 'Replay' }).waitFor();
  });

  it('lists every event of this run, newest first, with their statuses', async () => {
    const { data } = (await system.api('GET', '/api/events')).body as {
      data: { id: string; status: string }[];
    };
    await open('events');
    await page.getByTestId('event-row').first().waitFor();
    const shown = await attributesOf(page.getByTestId('event-row'), 'data-event-id');
    expect(shown).toEqual(data.map((event) => event.id));
    expect(await statusesShown(page)).toEqual(expect.arrayContaining(['succeeded', 'failed']));
    await shoot('events-all');
  });

  it('draws the overview charts from the syncs that ran', async () => {
    expect((await syncByApi('A-S00000271')).status).toBe(200);
    await failedSync('A-S00000271');
    expect((await system.api('GET', '/api/overview?minutes=2')).status).toBe(400);
    // Once both services' samples hold the syncs above (and the earlier tests').
    await eventually(async () => {
      const { body } = await system.api('GET', '/api/overview?minutes=15');
      const overview = body as { totals: Record<string, number>; reporting: unknown[] };
      expect(overview.totals['succeeded']).toBeGreaterThan(0);
      expect(overview.totals['failed']).toBeGreaterThan(0);
      expect(overview.reporting).toHaveLength(2);
    });

    await open('overview?minutes=15');
    const syncs = page.getByTestId('chart-syncs');
    await syncs.locator('canvas').waitFor();
    expect(await page.locator('.charts canvas').count()).toBe(6);
    const legend = async (chart: string) =>
      Object.fromEntries(
        (await page.getByTestId(`chart-${chart}`).getByTestId('legend-line').allInnerTexts()).map(
          (text) => {
            const [, label, figure] = /^(.+?)\s+(\S+) in range$/.exec(text.trim()) ?? [];
            return [label ?? text, Number(figure)];
          },
        ),
      );
    const counts = await legend('syncs');
    expect(counts['Succeeded']).toBeGreaterThan(0);
    expect(counts['Failed']).toBeGreaterThan(0);
    expect((await legend('upstream-calls'))['Calls']).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-upstream-latency').textContent()).toMatch(
      /p95 at most \d+ ms/,
    );
    const reporting = await page.getByTestId('reporting').textContent();
    expect(reporting).toContain('gateway');
    expect(reporting).toContain('zuora-sync');
    // The lines are on the canvas, not only in the legend: succeeded's green and failed's red.
    expect(await pixelsOf(syncs.locator('canvas'), [22, 163, 74])).toBeGreaterThan(0);
    expect(await pixelsOf(syncs.locator('canvas'), [220, 38, 38])).toBeGreaterThan(0);
    await shoot('overview');

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: '1 h' }).click();
    await page.waitForURL(/minutes=60/);
    await page.getByTestId('chart-syncs').locator('canvas').waitFor();
  });
});

/** How many of a canvas's pixels are drawn in (about) this colour. */
async function pixelsOf(canvas: Locator, rgb: [number, number, number]): Promise<number> {
  return canvas.evaluate((element, colour) => {
    // The suite compiles without the DOM types; a canvas as far as this needs it.
    const canvasElement = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      } | null;
    };
    const context = canvasElement.getContext('2d');
    if (context === null) return 0;
    const { data } = context.getImageData(0, 0, canvasElement.width, canvasElement.height);
    let matching = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = colour.every(
        (value, channel) => Math.abs((data[i + channel] ?? 0) - value) < 12,
      );
      if (near && (data[i + 3] ?? 0) > 200) matching += 1;
    }
    return matching;
  }, rgb);
}

async function statusesShown(page: Page): Promise<string[]> {
  return [
    ...new Set(
      await attributesOf(page.getByTestId('event-row').locator('[data-status]'), 'data-status'),
    ),
  ];
}

/** One attribute of every element a locator matches, in document order. */
async function attributesOf(locator: Locator, name: string): Promise<string[]> {
  const values: string[] = [];
  for (const element of await locator.all()) values.push((await element.getAttribute(name)) ?? '');
  return values;
}
