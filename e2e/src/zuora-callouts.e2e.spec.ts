import { Client } from 'pg';
import { ZUORA_SANDBOX_DEMO as DEMO } from '@subsync/zuora-sandbox';
import { RunningSystem } from './support/running-system';

interface Answer {
  success?: boolean;
  skipped?: boolean;
  reason?: string;
  id?: string;
  owner?: string;
  message?: string;
}

interface EventRow {
  id: string;
  type: string;
  trigger: string;
  status: string;
  reason: string | null;
  subscription_id: string | null;
}

const CALLOUT_USERNAME = 'zuora-callouts';
const CALLOUT_PASSWORD = 'e2e-callout-password-0f3a';
const CHALLENGE = 'Basic realm="subsync"';

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const calloutAuth = basic(CALLOUT_USERNAME, CALLOUT_PASSWORD);
const syncPath = (id: string) => `/api/plugins/zuora/sync/subscription/${encodeURIComponent(id)}`;

/** The legacy callout body: `<callout><parameter name="…">…</parameter></callout>`. */
function legacyXml(parameters: Record<string, string>): string {
  const elements = Object.entries(parameters)
    .map(([name, value]) => `<parameter name="${name}">${value}</parameter>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><callout>${elements}</callout>`;
}

describe('Zuora callouts end to end', () => {
  let system: RunningSystem;
  let db: Client;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      env: {
        CALLOUT_USERNAME,
        CALLOUT_PASSWORD,
        ZUORA_INTEGRATION_USER_IDS: `someone-else,${DEMO.integrationUserId}`,
      },
    });
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  // Suites share one Kafka: a dead letter another suite left behind may land in this database.
  async function count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
    const mine = table === 'events' ? ' AND dead_letter IS NULL' : '';
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${table} WHERE (${where})${mine}`,
      params,
    );
    return Number(rows[0]!.n);
  }

  async function eventsFor(ref: string): Promise<EventRow[]> {
    const { rows } = await db.query<EventRow>(
      'SELECT id, type, trigger, status, reason, subscription_id FROM events WHERE ref = $1 ORDER BY created_at',
      [ref],
    );
    return rows;
  }

  async function subscriptionRow(number: string) {
    const { rows } = await db.query<{ id: string; auto_renew: boolean; upstream_version: number }>(
      `SELECT s.id, s.auto_renew, s.upstream_version FROM subscriptions s
         JOIN subscription_references r ON r.subscription_id = s.id
        WHERE r.provider = 'zuora' AND r.kind = 'subscription' AND r.value = $1`,
      [number],
    );
    return rows[0] ?? null;
  }

  /** Zuora calls zuora-sync made for this subscription or order since the log was cleared. */
  const zuoraCalls = (pathPrefix: string) => system.sandbox.requests({ pathPrefix }).length;

  const jsonCallout = (
    id: string,
    parameters: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    system.send('POST', syncPath(id), {
      headers: { authorization: calloutAuth, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(parameters),
    });

  beforeEach(() => system.sandbox.clearRequests());

  describe('authentication', () => {
    it('challenges a callout without credentials with Basic, and records nothing', async () => {
      const response = await system.send('POST', syncPath('A-S00000271'), {
        headers: { 'content-type': 'application/xml' },
        body: legacyXml({ SubscriptionNumber: 'A-S00000271' }),
      });

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
      expect((response.body as Answer).message).toMatch(/bearer token.*Basic credentials/i);
      expect(await count('events')).toBe(0);
    });

    it('refuses wrong Basic credentials with 401', async () => {
      for (const authorization of [
        basic(CALLOUT_USERNAME, 'not-the-password'),
        basic('someone', CALLOUT_PASSWORD),
        'Basic not-base64-credentials!',
      ]) {
        const response = await system.send('POST', syncPath('A-S00000271'), {
          headers: { authorization },
        });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
        expect(response.body).toEqual({ message: expect.any(String) });
      }
      expect(await count('events')).toBe(0);
    });

    it('keeps other routes bearer-only, with no Basic challenge', async () => {
      const withoutToken = await system.send('GET', '/api/events');
      expect(withoutToken.status).toBe(401);
      expect(withoutToken.headers.get('www-authenticate')).toBeNull();

      const withCalloutCredentials = await system.send('GET', '/api/events', {
        headers: { authorization: calloutAuth },
      });
      expect(withCalloutCredentials.status).toBe(401);
      expect((withCalloutCredentials.body as Answer).message).toMatch(/bearer token/i);
    });
  });

  it('syncs A-S00000271 for a JSON callout about a change made in Zuora, as a callout Event', async () => {
    const response = await jsonCallout('A-S00000271', {
      SubscriptionNumber: 'A-S00000271',
      OrderNumber: DEMO.orders.priceUpdate,
      OrderActionType: 'UpdateProduct',
      CreatedById: DEMO.uiUserId,
    });

    expect(response.status).toBe(200);
    const answer = response.body as Answer;
    expect(answer).toEqual({
      success: true,
      id: expect.stringMatching(/^sub-/),
      owner: expect.stringMatching(/^id-/),
    });
    const [event] = await eventsFor('A-S00000271');
    expect(event).toMatchObject({
      type: 'callout',
      trigger: 'callout',
      status: 'succeeded',
      subscription_id: answer.id,
    });
    const shown = await system.api('GET', `/api/events/${event!.id}`);
    expect(shown.body).toMatchObject({
      id: event!.id,
      type: 'callout',
      trigger: 'callout',
      status: 'succeeded',
    });
    // The order was looked up (it is a UI change), then the subscription synced.
    expect(zuoraCalls(`/v1/orders/${DEMO.orders.priceUpdate}`)).toBe(1);
    expect(zuoraCalls('/v1/subscriptions/A-S00000271')).toBe(1);
  });

  it('syncs for a legacy XML callout; the path wins over a different SubscriptionNumber', async () => {
    const response = await system.send('POST', syncPath('A-S00000272'), {
      headers: { authorization: calloutAuth, 'content-type': 'text/xml; charset=utf-8' },
      body: legacyXml({ subscriptionnumber: 'A-S00000999', ORDERACTIONTYPE: 'RenewSubscription' }),
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, id: expect.stringMatching(/^sub-/) });
    expect(await subscriptionRow('A-S00000272')).not.toBeNull();
    expect(await subscriptionRow('A-S00000999')).toBeNull();
    expect(await eventsFor('A-S00000272')).toEqual([
      expect.objectContaining({ type: 'callout', trigger: 'callout', status: 'succeeded' }),
    ]);
  });

  it('syncs a retried callout once and answers every delivery with the same outcome', async () => {
    const headers = { 'zuora-notification-id': `notification-${Date.now()}` };
    const parameters = { SubscriptionNumber: 'A-S00000275', OrderActionType: 'UpdateProduct' };

    // Two deliveries racing each other, then a late retry.
    const [first, racing] = await Promise.all([
      jsonCallout('A-S00000275', parameters, headers),
      jsonCallout('A-S00000275', parameters, headers),
    ]);
    const retry = await jsonCallout('A-S00000275', parameters, headers);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, id: expect.stringMatching(/^sub-/) });
    expect(racing).toMatchObject({ status: 200, body: first.body });
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect(await eventsFor('A-S00000275')).toHaveLength(1);
    expect(
      await count('callout_notifications', 'notification_id = $1', [
        headers['zuora-notification-id'],
      ]),
    ).toBe(1);
    expect(zuoraCalls('/v1/subscriptions/A-S00000275')).toBe(1);
  });

  it('syncs again when Zuora retries a callout whose sync failed, recovering the failure', async () => {
    const headers = { 'zuora-notification-id': `notification-failed-${Date.now()}` };
    const parameters = { SubscriptionNumber: 'A-S00009276', OrderActionType: 'UpdateProduct' };
    await system.admin('PUT', '/subscriptions/A-S00009276', {
      accountNumber: 'A00000271',
      status: 'Active',
      termType: 'EVERGREEN',
      subscriptionStartDate: '2026-01-01',
      termStartDate: '2026-01-01',
      autoRenew: true,
      currency: 'GBP',
      ratePlans: [],
    });
    await system.admin('POST', '/faults', {
      type: 'server-error',
      status: 503,
      pathPrefix: '/v1/subscriptions/A-S00009276',
      count: 10,
    });

    const first = await jsonCallout('A-S00009276', parameters, headers);
    await system.admin('DELETE', '/faults');
    const retry = await jsonCallout('A-S00009276', parameters, headers);
    const again = await jsonCallout('A-S00009276', parameters, headers);

    expect(first.status).toBe(502);
    expect(retry).toMatchObject({
      status: 200,
      body: { success: true, id: expect.stringMatching(/^sub-/) },
    });
    expect(again).toMatchObject({ status: 200, body: retry.body });
    expect((await eventsFor('A-S00009276')).map((event) => event.status).sort()).toEqual([
      'failed',
      'succeeded',
    ]);
  });

  describe('orders the platform started are acknowledged and not synced', () => {
    async function expectSkipped(ref: string, response: { status: number; body: unknown }) {
      expect(response.status).toBe(200);
      const answer = response.body as Answer;
      expect(answer).toEqual({ success: true, skipped: true, reason: expect.any(String) });
      const events = (await eventsFor(ref)).filter((event) => event.type === 'callout');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'callout',
        trigger: 'callout',
        status: 'skipped',
        reason: answer.reason,
      });
      const shown = await system.api('GET', `/api/events/${events[0]!.id}`);
      expect(shown.body).toMatchObject({ status: 'skipped', reason: answer.reason });
      expect(zuoraCalls(`/v1/subscriptions/${ref}`)).toBe(0);
      expect(zuoraCalls('/v1/accounts')).toBe(0);
      return answer.reason!;
    }

    it('by the Source parameter, without asking Zuora', async () => {
      const response = await jsonCallout('A-S00000276', {
        OrderNumber: 'O-00000276',
        Source: 'Shop',
      });

      const reason = await expectSkipped('A-S00000276', response);
      expect(reason).toBe('order O-00000276 was started by the platform (Source = Shop)');
      expect(zuoraCalls('/v1/orders')).toBe(0);
      expect(await subscriptionRow('A-S00000276')).toBeNull();
    });

    it("by the order's Source__c (O-00000273)", async () => {
      const response = await system.send('POST', syncPath('A-S00000273'), {
        headers: { authorization: calloutAuth, 'content-type': 'application/xml' },
        body: legacyXml({
          SubscriptionNumber: 'A-S00000273',
          OrderNumber: DEMO.orders.platformCancel,
          OrderActionType: 'CancelSubscription',
        }),
      });

      const reason = await expectSkipped('A-S00000273', response);
      expect(reason).toBe('order O-00000273 was started by the platform (Source__c = shop)');
      expect(zuoraCalls(`/v1/orders/${DEMO.orders.platformCancel}`)).toBe(1);
      expect(await subscriptionRow('A-S00000273')).toBeNull();
    });

    it("by the order's creator, the integration user (O-00000274), leaving the subscription as it was", async () => {
      const imported = await system.api('POST', syncPath('A-S00000274'));
      expect(imported.status).toBe(200);
      const before = await subscriptionRow('A-S00000274');
      await system.admin('PATCH', '/subscriptions/A-S00000274', { autoRenew: !before!.auto_renew });
      system.sandbox.clearRequests();

      const response = await jsonCallout('A-S00000274', {
        OrderNumber: DEMO.orders.integrationChangePlan,
        OrderActionType: 'AddProduct',
      });

      const reason = await expectSkipped('A-S00000274', response);
      expect(reason).toBe(
        `order O-00000274 was created by the platform's integration user ${DEMO.integrationUserId}`,
      );
      expect(await subscriptionRow('A-S00000274')).toEqual(before);
    });
  });

  it('fails the sync with the reason when the order cannot be looked up, and syncs nothing', async () => {
    const response = await jsonCallout('A-S00000271', { OrderNumber: 'O-99999999' });

    expect(response.status).toBe(502);
    expect((response.body as Answer).message).toContain(
      'Not synced: could not tell whether the platform started order O-99999999',
    );
    expect(zuoraCalls('/v1/subscriptions')).toBe(0);
  });

  it.each([
    [
      'malformed XML',
      'application/xml',
      '<callout><parameter name="OrderNumber">O-1</callout>',
      /not well-formed XML/,
    ],
    [
      'XML with another root',
      'text/xml',
      '<notification><parameter name="Source">x</parameter></notification>',
      /one <callout> root/,
    ],
    [
      'a parameter without a name',
      'application/xml',
      '<callout><parameter>O-1</parameter></callout>',
      /has no name/,
    ],
    ['malformed JSON', 'application/json', '{"OrderNumber": "O-1"', /JSON/],
    ['a JSON array', 'application/json', '[{"OrderNumber": "O-1"}]', /JSON object/],
  ])('answers 400 for %s and records nothing', async (_case, contentType, body, message) => {
    const events = await count('events');
    const notificationId = `malformed-${Date.now()}`;

    const response = await system.send('POST', syncPath('A-S00000271'), {
      headers: {
        authorization: calloutAuth,
        'content-type': contentType,
        'zuora-notification-id': notificationId,
      },
      body,
    });

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ message: expect.stringMatching(message) });
    expect(await count('events')).toBe(events);
    expect(await count('callout_notifications', 'notification_id = $1', [notificationId])).toBe(0);
  });

  it('answers 413 for a callout body over the size limit, and records nothing', async () => {
    const events = await count('events');
    const padding = 'x'.repeat(200 * 1024);

    const response = await system.send('POST', syncPath('A-S00000271'), {
      headers: { authorization: calloutAuth, 'content-type': 'application/xml' },
      body: legacyXml({ OrderNumber: 'O-00000271', Padding: padding }),
    });

    expect(response.status).toBe(413);
    expect(response.body).toEqual({ message: expect.stringMatching(/too large/i) });
    expect(await count('events')).toBe(events);
  });

  it('takes a callout that authenticates with a bearer token', async () => {
    const response = await system.api('POST', syncPath('A-S00000271'), {
      headers: { 'zuora-notification-id': `bearer-${Date.now()}` },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ success: true, id: expect.stringMatching(/^sub-/) });
    const events = await eventsFor('A-S00000271');
    expect(events[events.length - 1]).toMatchObject({
      type: 'callout',
      trigger: 'callout',
      status: 'succeeded',
    });
  });

  it('keeps a bearer request with no callout parameters a plain API sync', async () => {
    const response = await system.api('POST', syncPath('A-S00000271'));

    expect(response.status).toBe(200);
    const events = await eventsFor('A-S00000271');
    expect(events[events.length - 1]).toMatchObject({ type: 'sync', trigger: 'api' });
  });
});

describe('Zuora callouts without callout credentials configured', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('still challenges with Basic, and says callouts need a bearer token', async () => {
    const missing = await system.send('POST', syncPath('A-S00000271'));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe(CHALLENGE);
    expect((missing.body as Answer).message).toMatch(
      /bearer token.*Basic callout credentials are not configured/i,
    );

    const presented = await system.send('POST', syncPath('A-S00000271'), {
      headers: { authorization: calloutAuth },
    });
    expect(presented.status).toBe(401);
    expect((presented.body as Answer).message).toMatch(/not configured/);
  });
});
