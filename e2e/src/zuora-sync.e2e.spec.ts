import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import {
  createEnvelope,
  deadLetterTopic,
  type SyncCompleted,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { eventually, RunningSystem } from './support/running-system';

interface SyncBody {
  success?: boolean;
  id?: string;
  owner?: string;
  message?: string;
  eventId?: string;
  status?: string;
}

describe('Zuora sync end to end', () => {
  let system: RunningSystem;
  let db: Client;
  const kafka = new Kafka({
    clientId: 'e2e',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    system = await RunningSystem.start();
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  // Suites share one Kafka: a dead letter another suite left behind may land in this database.
  async function count(table: string): Promise<number> {
    const mine = table === 'events' ? ' WHERE dead_letter IS NULL' : '';
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}${mine}`);
    return Number(rows[0]!.n);
  }

  const sync = (id: string, headers: Record<string, string> = {}) =>
    system.api('POST', `/api/plugins/zuora/sync/subscription/${encodeURIComponent(id)}`, {
      headers,
    });

  it('answers 401 without a valid bearer token', async () => {
    for (const token of [
      null,
      'not-a-jwt',
      await system.token({ secret: 'some-other-secret-of-enough-length!!' }),
    ]) {
      const response = await system.api(
        'POST',
        '/api/plugins/zuora/sync/subscription/A-S00000271',
        { token },
      );
      expect(response.status).toBe(401);
      expect((response.body as { message: string }).message).toMatch(/bearer token/i);
    }
    expect(await count('events')).toBe(0);
  });

  it('imports A-S00000271 with its customer and owner identity, then reads it back', async () => {
    const response = await sync('A-S00000271');

    expect(response.status).toBe(200);
    const body = response.body as SyncBody;
    expect(body).toEqual({
      success: true,
      id: expect.stringMatching(/^sub-[0-9a-f]{32}$/),
      owner: expect.stringMatching(/^id-[0-9a-f]{32}$/),
    });

    const read = await system.api('GET', `/api/subscriptions/${body.id}`);
    expect(read.status).toBe(200);
    const view = read.body as Record<string, unknown>;
    expect(view).toEqual({
      id: body.id,
      reference: 'A-S00000271',
      status: 'active',
      source: 'zuora',
      termStart: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      termEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      autoRenew: true,
      owner: body.owner,
      imported: true,
      customer: {
        id: expect.stringMatching(/^cus-/),
        name: 'Amelia Hartley',
        email: expect.stringContaining('@'),
        identities: expect.arrayContaining([{ service: 'zuora', id: 'A00000271' }]),
      },
      addresses: [
        {
          type: 'billing',
          line1: '221B Baker Street',
          line2: 'Marylebone',
          city: 'London',
          state: 'Greater London',
          postalCode: 'NW1 6XE',
          country: 'United Kingdom',
        },
        {
          type: 'shipping',
          line1: 'Flat 4',
          line2: '12 Kensington Gardens Square',
          city: 'London',
          state: 'Greater London',
          postalCode: 'W2 4BH',
          country: 'United Kingdom',
        },
      ],
      schedule: expect.arrayContaining([
        expect.objectContaining({
          id: expect.stringMatching(/^schedule-/),
          currency: 'GBP',
          status: 'pending',
        }),
      ]),
      paymentMethods: [],
      offers: expect.arrayContaining([expect.objectContaining({ mapped: false, offerId: null })]),
      external: {
        zuora: { subscriptionNumber: 'A-S00000271', accountNumber: 'A00000271' },
        stripe: null,
      },
      lastSyncedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    // The Zuora number finds the same record.
    expect((await system.api('GET', '/api/subscriptions/A-S00000271')).body).toEqual(view);
  });

  it('a second sync updates the same records, with no duplicates and no changes', async () => {
    const first = (await sync('A-S00000271')).body as SyncBody;
    const second = await sync(first.id!);

    expect(second.status).toBe(200);
    expect(second.body).toEqual(first);
    expect(await count('subscriptions')).toBe(1);
    expect(await count('customers')).toBe(1);
    expect(await count('owner_identities')).toBe(1);

    const events = (await system.api('GET', `/api/events?subscription=${first.id}&limit=1`))
      .body as {
      data: { status: string; changes: unknown[]; trigger: string }[];
    };
    expect(events.data[0]).toMatchObject({ status: 'succeeded', changes: [], trigger: 'api' });
  });

  it('picks up what changed in Zuora and records the field changes on the Event', async () => {
    await system.admin('PATCH', '/subscriptions/A-S00000271', {
      autoRenew: false,
      termStartDate: '2026-11-01',
      termEndDate: '2027-11-01',
    });
    await system.admin('PATCH', '/accounts/A00000271', {
      billToContact: {
        firstName: 'Amelia',
        lastName: 'Hartley-Stone',
        workEmail: 'amelia.stone@example.co.uk',
      },
    });

    const response = await sync('A-S00000271', { prefer: 'respond-async' });
    expect(response.status).toBe(202);
    const { eventId } = response.body as SyncBody;
    expect(eventId).toMatch(/^event-/);

    const event = await eventually(async () => {
      const e = (await system.api('GET', `/api/events/${eventId}`)).body as { status: string };
      expect(e.status).toBe('succeeded');
      return e;
    });
    expect(event).toMatchObject({
      id: eventId,
      type: 'sync',
      provider: 'zuora',
      ref: 'A-S00000271',
      trigger: 'api',
      reason: null,
      changes: expect.arrayContaining([
        { field: 'subscription.autoRenew', before: true, after: false },
        { field: 'subscription.termStart', before: expect.any(String), after: '2026-11-01' },
        { field: 'subscription.termEnd', before: expect.any(String), after: '2027-11-01' },
        { field: 'customer.name', before: 'Amelia Hartley', after: 'Amelia Hartley-Stone' },
        {
          field: 'customer.email',
          before: expect.any(String),
          after: 'amelia.stone@example.co.uk',
        },
      ]),
    });
    const view = (await system.api('GET', '/api/subscriptions/A-S00000271')).body;
    expect(view).toMatchObject({
      autoRenew: false,
      termStart: '2026-11-01',
      termEnd: '2027-11-01',
      customer: { name: 'Amelia Hartley-Stone', email: 'amelia.stone@example.co.uk' },
    });
  });

  it('answers 502 with the reason when Zuora has no such subscription, and the Event fails with it', async () => {
    const response = await sync('A-S99999999');

    expect(response.status).toBe(502);
    const { message } = response.body as SyncBody;
    expect(message).toContain("Zuora has no subscription 'A-S99999999'");
    const failed = (await system.api('GET', '/api/events?status=failed&limit=1')).body as {
      data: { ref: string; reason: string }[];
    };
    expect(failed.data[0]).toMatchObject({ ref: 'A-S99999999', reason: message });
    expect(await count('subscriptions')).toBe(1);
  });

  it('answers 400 for an id that cannot be a subscription id, and records nothing', async () => {
    const before = await count('events');
    const response = await sync('bad id with spaces');
    expect(response.status).toBe(400);
    expect((response.body as SyncBody).message).toContain('is not a subscription id');
    expect(await count('events')).toBe(before);
  });

  /** Starts a sync whose Zuora call hangs for `delayMs`; resolves once zuora-sync is waiting on it. */
  async function syncHeldUpInZuora(ref: string, delayMs: number) {
    await system.admin('DELETE', '/requests');
    await system.admin('POST', '/faults', {
      type: 'delay',
      delayMs,
      pathPrefix: '/v1/subscriptions',
      count: 1,
    });
    const pending = sync(ref);
    await eventually(async () => {
      const { requests } = (await system.admin(
        'GET',
        '/requests?pathPrefix=/v1/subscriptions',
      )) as {
        requests: unknown[];
      };
      expect(requests.length).toBeGreaterThan(0);
    });
    // Wrapped: an async function returning the promise itself would wait for it.
    return { pending };
  }

  it('completes a request whose zuora-sync was killed mid-flight, once it is back', async () => {
    const { pending } = await syncHeldUpInZuora('A-S00000272', 15_000);

    await system.service('zuora-sync').kill('SIGKILL');
    await system.admin('DELETE', '/faults');
    await system.startService('zuora-sync');

    const response = await pending;
    expect(response.status).toBe(200);
    const { rows } = await db.query<{ id: string }>(
      `SELECT subscription_id AS id FROM subscription_references
        WHERE provider = 'zuora' AND kind = 'subscription' AND value = 'A-S00000272'`,
    );
    expect(rows).toHaveLength(1);
    expect((response.body as SyncBody).id).toBe(rows[0]!.id);
  });

  it('on SIGTERM, zuora-sync finishes the sync in flight, announces it, and exits 0', async () => {
    const { pending } = await syncHeldUpInZuora('A-S00000274', 2_000);

    const exitCode = await system.service('zuora-sync').kill('SIGTERM');

    expect(exitCode).toBe(0);
    const response = await pending;
    expect(response.status).toBe(200);
    expect((response.body as SyncBody).id).toMatch(/^sub-/);
    await system.startService('zuora-sync');
  });

  it('dead-letters a malformed sync request and goes on with the next good one', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const marker = `malformed-${Date.now()}`;
    const good = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'upstream-e2e',
      now: new Date(),
      data: { provider: 'zuora', scope: 'subscription', ref: 'A-S00000273', trigger: 'upstream' },
    });
    const completed = collect(kafka, system.topic(Topics.syncCompleted), (value) =>
      value.includes(good.correlationId),
    );
    const deadLettered = collect(
      kafka,
      system.topic(deadLetterTopic(Topics.syncRequested)),
      (value, headers) =>
        value.includes(marker) && headers['x-consumer-group'] === 'subsync.zuora-sync',
    );
    try {
      // Same key, so same partition: the good message sits right behind the poison one.
      await producer.send({
        topic: system.topic(Topics.syncRequested),
        acks: -1,
        messages: [
          { key: 'zuora:A-S00000273', value: `{"oops": "${marker}"` },
          { key: 'zuora:A-S00000273', value: JSON.stringify(good) },
        ],
      });

      const dead = await deadLettered;
      expect(dead.headers['x-original-topic']).toBe(Topics.syncRequested);
      expect(dead.headers['x-consumer-group']).toBe('subsync.zuora-sync');
      expect(dead.headers['x-exception-message']).toContain('value is not JSON');

      const outcome = JSON.parse((await completed).value) as {
        correlationId: string;
        data: SyncCompleted;
      };
      expect(outcome.correlationId).toBe(good.correlationId);
      expect(outcome.data).toMatchObject({
        status: 'succeeded',
        ref: 'A-S00000273',
        subscriptionId: expect.stringMatching(/^sub-/),
      });
      const view = (await system.api('GET', '/api/subscriptions/A-S00000273')).body;
      expect(view).toMatchObject({ status: 'cancelled' });
    } finally {
      await producer.disconnect();
    }
  });
});

/** Resolves with the first message on `topic` whose value matches. Subscribes before returning. */
function collect(
  kafka: Kafka,
  topic: string,
  matches: (value: string, headers: Record<string, string>) => boolean,
  timeoutMs = 60_000,
): Promise<{ value: string; headers: Record<string, string> }> {
  const consumer = kafka.consumer({ groupId: `e2e-probe-${globalThis.crypto.randomUUID()}` });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void consumer.disconnect();
      reject(new Error(`no matching message on ${topic}`));
    }, timeoutMs);
    const start = async () => {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const value = message.value?.toString() ?? '';
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [
              k,
              (Array.isArray(v) ? v[0] : v)?.toString() ?? '',
            ]),
          );
          if (!matches(value, headers)) return Promise.resolve();
          clearTimeout(timer);
          resolve({ value, headers });
          // Not awaited: disconnect waits for this handler to return.
          void consumer.disconnect();
          return Promise.resolve();
        },
      });
    };
    start().catch(reject);
  });
}
