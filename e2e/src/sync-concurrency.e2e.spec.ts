import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { createEnvelope, type SyncRequested, Topics } from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { bulkSubscriptionNumber } from '@subsync/zuora-sandbox';
import { eventually, RunningSystem } from './support/running-system';

interface SyncBody {
  success?: boolean;
  id?: string;
  owner?: string;
  message?: string;
  eventId?: string;
}

interface EventRow {
  id: string;
  status: string;
  coalesced_into: string | null;
  changes: unknown[];
}

// Two zuora-sync processes share the work, as they would when scaled out.
describe('many syncs in flight: ordering, coalescing, stale snapshots and crashes', () => {
  let system: RunningSystem;
  let db: Client;
  const kafka = new Kafka({
    clientId: 'e2e-concurrency',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync']);
    await system.startService('zuora-sync', 2);
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  const sync = (id: string, headers: Record<string, string> = {}) =>
    system.api('POST', `/api/plugins/zuora/sync/subscription/${encodeURIComponent(id)}`, {
      headers,
    });

  async function subscriptionFetches(number: string): Promise<number> {
    const { requests } = (await system.admin(
      'GET',
      `/requests?pathPrefix=/v1/subscriptions/${number}`,
    )) as {
      requests: { method: string }[];
    };
    return requests.filter((request) => request.method === 'GET').length;
  }

  it('answers 100 concurrent requests for one subscription with at most 2 fetches from Zuora', async () => {
    const number = 'A-S00000272';
    await system.admin('DELETE', '/requests');
    // Zuora takes a while to answer, as it does: the requests pile up behind the first sync.
    await system.admin('POST', '/faults', {
      type: 'delay',
      delayMs: 1_500,
      pathPrefix: `/v1/subscriptions/${number}`,
      count: 1,
    });

    const answers = await Promise.all(Array.from({ length: 100 }, () => sync(number)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    const ids = new Set(answers.map((answer) => (answer.body as SyncBody).id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^sub-/);
    expect(await subscriptionFetches(number)).toBeLessThanOrEqual(2);

    // Every request has its own Event: those that did the work, and the others pointing at one of them.
    const eventIds = answers.map((answer) => answer.headers.get('x-event-id')!);
    const { rows } = await db.query<EventRow>(
      'SELECT id, status, coalesced_into, changes FROM events WHERE id = ANY($1)',
      [eventIds],
    );
    expect(rows).toHaveLength(100);
    expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
    const workers = rows.filter((row) => row.coalesced_into === null);
    expect(workers.length).toBeGreaterThanOrEqual(1);
    expect(workers.length).toBeLessThanOrEqual(2);
    const workerIds = new Set(workers.map((row) => row.id));
    expect(
      rows
        .filter((row) => row.coalesced_into !== null)
        .every((row) => workerIds.has(row.coalesced_into!)),
    ).toBe(true);
    const detail = (
      await system.api('GET', `/api/events/${rows.find((row) => row.coalesced_into !== null)!.id}`)
    ).body;
    expect(detail).toMatchObject({ coalescedInto: expect.stringMatching(/^event-/) });
  });

  it('ends in the newest state when two syncs under two ids race a change that keeps the version', async () => {
    const number = 'A-S00000275';
    const imported = await sync(number);
    expect(imported.status).toBe(200);
    const platformId = (imported.body as SyncBody).id!;
    const before = (await system.api('GET', `/api/subscriptions/${platformId}`)).body as {
      schedule: { date: string; status: string }[];
    };

    // The first sync reads the subscription, then waits on its account while Zuora changes.
    await system.admin('DELETE', '/requests');
    await system.admin('POST', '/faults', {
      type: 'delay',
      delayMs: 4_000,
      pathPrefix: '/v1/accounts/',
      count: 1,
    });
    const first = sync(number);
    await eventually(async () => expect(await subscriptionFetches(number)).toBe(1));
    // A bill run: the charged-through date moves a month on, the subscription's version does not.
    const { versions } = (await system.admin('GET', `/subscriptions/${number}/versions`)) as {
      versions: { version: number }[];
    };
    const current = system.sandbox.store.latestSubscription(number)!;
    const charged = current.ratePlans[0]!.ratePlanCharges[0]!.chargedThroughDate!;
    const moved = addMonth(charged);
    await system.admin('PATCH', `/subscriptions/${number}?inPlace=true`, {
      charges: { chargedThroughDate: moved },
    });
    expect(
      ((await system.admin('GET', `/subscriptions/${number}/versions`)) as { versions: unknown[] })
        .versions,
    ).toHaveLength(versions.length);
    // The second sync names the subscription by its platform id.
    const second = sync(platformId);
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([200, 200]);

    // The newest state is stored: a third sync finds nothing left to change.
    const third = await sync(platformId);
    const event = (await system.api('GET', `/api/events/${third.headers.get('x-event-id')}`))
      .body as { changes: unknown[] };
    expect(event.changes).toEqual([]);
    const after = (await system.api('GET', `/api/subscriptions/${platformId}`)).body as {
      schedule: { date: string; status: string }[];
    };
    // The entry the bill run invoiced is no longer pending.
    expect(
      before.schedule.some((entry) => entry.date === charged && entry.status === 'pending'),
    ).toBe(true);
    expect(
      after.schedule.some((entry) => entry.date === charged && entry.status === 'pending'),
    ).toBe(false);
  });

  it('loses nothing and applies nothing twice when both zuora-sync processes are killed with many syncs in flight', async () => {
    const count = 30;
    const { first } = (await system.admin('POST', '/bulk-seed', {
      subscriptions: count,
      start: 1_000,
    })) as { first: string };
    const numbers = Array.from({ length: count }, (_, i) => bulkSubscriptionNumber(1_000 + i));
    expect(numbers[0]).toBe(first);
    await system.admin('DELETE', '/requests');
    await system.admin('POST', '/faults', {
      type: 'delay',
      delayMs: 6_000,
      pathPrefix: '/v1/subscriptions/A-S9',
      count,
    });
    const accepted = await Promise.all(
      numbers.map((number) => sync(number, { prefer: 'respond-async' })),
    );
    expect(accepted.map((answer) => answer.status)).toEqual(Array(count).fill(202));
    const eventIds = accepted.map((answer) => (answer.body as SyncBody).eventId!);
    // Many syncs are waiting on Zuora across both processes when they die.
    await eventually(async () => {
      const { requests } = (await system.admin(
        'GET',
        '/requests?pathPrefix=/v1/subscriptions/A-S9',
      )) as { requests: unknown[] };
      expect(requests.length).toBeGreaterThanOrEqual(count / 2);
    });
    await Promise.all([
      system.service('zuora-sync').kill('SIGKILL'),
      system.service('zuora-sync', 2).kill('SIGKILL'),
    ]);
    await system.admin('DELETE', '/faults');
    await system.startService('zuora-sync');
    await system.startService('zuora-sync', 2);

    await eventually(async () => {
      const { rows } = await db.query<{ status: string }>(
        'SELECT status FROM events WHERE id = ANY($1)',
        [eventIds],
      );
      expect(rows.filter((row) => row.status === 'succeeded')).toHaveLength(count);
    }, 90_000);
    const subscriptions = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM subscription_references
        WHERE provider = 'zuora' AND kind = 'subscription' AND value = ANY($1)`,
      [numbers],
    );
    expect(Number(subscriptions.rows[0]!.n)).toBe(count);
    // One announcement per request, and no schedule entry written twice.
    const completions = await db.query<{ event_id: string; n: string }>(
      `SELECT payload->'data'->>'eventId' AS event_id, count(*) AS n FROM outbox
        WHERE topic = $1 AND payload->'data'->>'eventId' = ANY($2) GROUP BY 1`,
      [Topics.syncCompleted, eventIds],
    );
    expect(completions.rows).toHaveLength(count);
    expect(completions.rows.every((row) => row.n === '1')).toBe(true);
    const duplicates = await db.query(
      `SELECT e.subscription_id, e.source_key, e.date FROM schedule_entries e
         JOIN subscription_references r ON r.subscription_id = e.subscription_id
        WHERE r.provider = 'zuora' AND r.kind = 'subscription' AND r.value = ANY($1)
        GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [numbers],
    );
    expect(duplicates.rows).toEqual([]);
  });

  it('turns a message without a key, and one holding a NUL character, into failed Events', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const keyless = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'upstream-e2e',
      now: new Date(),
      data: {
        provider: 'zuora',
        scope: 'subscription',
        ref: `keyless-${Date.now()}`,
        trigger: 'upstream',
      },
    });
    const nulRef = `nul-${Date.now()}\u0000x`;
    const withNul = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'upstream-e2e',
      now: new Date(),
      data: { provider: 'zuora', scope: 'subscription', ref: nulRef, trigger: 'upstream' },
    });
    try {
      await producer.send({
        topic: system.topic(Topics.syncRequested),
        acks: -1,
        messages: [
          { key: null, value: JSON.stringify(keyless) },
          { key: `zuora:${nulRef}`, value: JSON.stringify(withNul) },
          // A raw NUL byte in the value: not even JSON.
          { key: 'zuora:raw-nul', value: Buffer.from(`{"ref": "raw\u0000${Date.now()}"}`) },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    await eventually(async () => {
      const { rows } = await db.query<{ reason: string; ref: string }>(
        `SELECT reason, ref FROM events WHERE status = 'failed' AND error_code = 'DEAD_LETTERED'
          AND (dead_letter->>'value' LIKE $1 OR dead_letter->>'value' LIKE $2 OR ref = 'zuora:raw-nul')`,
        [`%${keyless.data.ref}%`, `%${nulRef.slice(0, -2)}%`],
      );
      const reasons = rows.map((row) => row.reason);
      for (const expected of [
        'invalid data: ref: must not contain control characters',
        'message has no key',
        'value is not JSON',
      ]) {
        expect(reasons.filter((reason) => reason.includes(expected))).toHaveLength(1);
      }
    }, 60_000);
  });
});

function addMonth(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month, day));
  return next.toISOString().slice(0, 10);
}
