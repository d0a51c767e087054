import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createEnvelope, deadLetterTopic, type SyncRequested, Topics } from '@subsync/domain';
import { testKafkaBrokers } from '@subsync/testkit';
import { eventually, RunningSystem } from './support/running-system';

// The Events log over HTTP: filters, stable paging, the detail view, replays, and dead letters
// turned into Events — with the services as processes on real Kafka and PostgreSQL.

interface EventView {
  id: string;
  type: string;
  provider: string | null;
  ref: string;
  trigger: string;
  status: string;
  subscriptionId: string | null;
  reason: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
  createdAt: string;
  completedAt: string | null;
  replayOf: string | null;
}

interface EventDetail extends EventView {
  ownerId: string | null;
  correlationId: string | null;
  error: { code: string; message: string } | null;
  durationMs: number | null;
  request: { topic: string; data: Record<string, unknown> } | null;
  deadLetter: Record<string, unknown> | null;
  replays: { id: string; status: string }[];
  replayable: { ok: boolean; reason: string | null };
}

interface Page {
  data: EventView[];
  nextCursor: string | null;
}

describe('Events log', () => {
  let system: RunningSystem;
  let producer: Producer;
  const kafka = new Kafka({
    clientId: 'e2e-events',
    brokers: testKafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    // A sync held up in Zuora (the dead-letter test below) ends at this deadline, long before
    // the suite stops: a sync still in flight then would be redelivered to the next suite's
    // zuora-sync, which shares the broker and the consumer group.
    system = await RunningSystem.start(['gateway', 'zuora-sync', 'stripe-sync'], {
      env: { SYNC_UPSTREAM_DEADLINE_MS: '8000' },
    });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await system?.stop();
  });

  afterEach(async () => {
    await system.admin('DELETE', '/faults');
  });

  const list = async (query: string) => {
    const answer = await system.api('GET', `/api/events${query}`);
    expect(answer.status).toBe(200);
    return answer.body as Page;
  };
  const detail = async (id: string) => {
    const answer = await system.api('GET', `/api/events/${id}`);
    expect(answer.status).toBe(200);
    return answer.body as EventDetail;
  };
  const syncZuora = (id: string, headers: Record<string, string> = {}) =>
    system.api('POST', `/api/plugins/zuora/sync/subscription/${id}`, { headers });
  const settled = (id: string) =>
    eventually(async () => {
      const event = await detail(id);
      expect(event.status).not.toBe('queued');
      return event;
    });

  it('filters by subscription (any of its ids), status, type, provider and time range', async () => {
    const before = new Date().toISOString();
    const imported = await syncZuora('A-S00000271', { 'x-sync-trigger': 'ui' });
    expect(imported.status).toBe(200);
    const subscriptionId = (imported.body as { id: string }).id;
    const okEventId = imported.headers.get('x-event-id');
    expect(okEventId).toMatch(/^event-/);
    const missing = await syncZuora('A-S09999999');
    expect(missing.status).toBe(502);
    const failedEventId = missing.headers.get('x-event-id');
    const stripe = await system.api(
      'POST',
      '/api/plugins/stripe/sync/subscription/sub_demoActiveGbp',
    );
    expect(stripe.status).toBe(200);
    const stripeEventId = stripe.headers.get('x-event-id');
    const after = new Date(Date.now() + 1).toISOString();

    // The same Events whichever id names the subscription.
    for (const id of [subscriptionId, 'A-S00000271']) {
      const { data } = await list(`?subscription=${id}`);
      expect(data.map((e) => e.id)).toEqual([okEventId]);
      expect(data[0]).toMatchObject({ trigger: 'ui', status: 'succeeded', provider: 'zuora' });
    }
    // A failed sync that never matched a subscription is found by the id it was asked for.
    expect((await list('?subscription=A-S09999999')).data.map((e) => e.id)).toEqual([
      failedEventId,
    ]);

    // Messages other suites left on the shared broker may be dead-lettered meanwhile: the
    // window is checked for this test's Events, in order, and every Event for the filter.
    const window = `from=${encodeURIComponent(before)}&to=${encodeURIComponent(after)}`;
    const ours = [stripeEventId, failedEventId, okEventId];
    const inWindow = async (query: string) => {
      const { data } = await list(`?${window}${query}`);
      for (const event of data) {
        expect(Date.parse(event.createdAt)).toBeGreaterThanOrEqual(Date.parse(before));
        expect(Date.parse(event.createdAt)).toBeLessThan(Date.parse(after));
      }
      return data;
    };
    expect((await inWindow('')).map((e) => e.id).filter((id) => ours.includes(id))).toEqual(ours);
    const stripeOnly = await inWindow('&provider=stripe');
    expect(stripeOnly.every((e) => e.provider === 'stripe')).toBe(true);
    expect(stripeOnly.map((e) => e.id)).toContain(stripeEventId);
    const zuoraFailed = await inWindow('&status=failed&provider=zuora');
    expect(zuoraFailed.every((e) => e.provider === 'zuora' && e.status === 'failed')).toBe(true);
    expect(zuoraFailed.map((e) => e.id)).toEqual(expect.arrayContaining([failedEventId]));
    expect(zuoraFailed.map((e) => e.id)).not.toContain(okEventId);
    const callouts = await inWindow('&type=callout');
    expect(callouts.every((e) => e.type === 'callout')).toBe(true);
    expect(callouts.map((e) => e.id).filter((id) => ours.includes(id))).toEqual([]);
    expect((await list(`?to=${encodeURIComponent(before)}&subscription=A-S00000271`)).data).toEqual(
      [],
    );
  });

  it('answers 400 with the reason for a bad filter', async () => {
    const cases: [string, string][] = [
      ['?provider=chargebee', 'provider must be one of zuora, stripe'],
      ['?status=done', 'status must be one of queued, succeeded, failed, skipped'],
      ['?from=yesterday', 'from must be an ISO-8601 instant'],
      ['?from=2026-11-20', 'from must be an ISO-8601 instant'],
      ['?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z', 'from must be before to'],
      ['?limit=0', 'limit must be an integer from 1 to 200'],
      ['?cursor=bm9wZQ', 'cursor is not one this API returned'],
    ];
    for (const [query, message] of cases) {
      const answer = await system.api('GET', `/api/events${query}`);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(message);
    }
  });

  it('pages with a cursor that holds still while new events arrive', async () => {
    const from = new Date().toISOString();
    for (const number of ['A-S00000272', 'A-S00000273', 'A-S00000274', 'A-S00000275']) {
      expect((await syncZuora(number)).status).toBe(200);
    }
    const window = `from=${encodeURIComponent(from)}`;
    const all = (await list(`?${window}`)).data.map((e) => e.id);
    expect(all).toHaveLength(4);

    const first = await list(`?${window}&limit=2`);
    expect(first.data.map((e) => e.id)).toEqual(all.slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
    // Newer events land before the first page, not in the pages after the cursor.
    expect((await syncZuora('A-S00000276')).status).toBe(200);
    const second = await list(`?${window}&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((e) => e.id)).toEqual(all.slice(2, 4));
    expect(second.nextCursor).toBeNull();
    // The newer one is there for whoever starts again from the top.
    expect((await list(`?${window}`)).data).toHaveLength(5);
  });

  it('shows one event in full: request, changes, upstream error and timing', async () => {
    await system.admin('PATCH', '/subscriptions/A-S00000271', { autoRenew: false });
    const changed = await syncZuora('A-S00000271');
    const event = await detail(changed.headers.get('x-event-id')!);
    expect(event).toMatchObject({
      status: 'succeeded',
      type: 'sync',
      trigger: 'api',
      request: {
        topic: 'sync.requested.v1',
        data: { provider: 'zuora', scope: 'subscription', ref: 'A-S00000271', trigger: 'api' },
      },
      error: null,
      deadLetter: null,
      replays: [],
      replayable: { ok: false, reason: expect.stringContaining('is succeeded') },
    });
    expect(event.changes).toContainEqual({
      field: 'subscription.autoRenew',
      before: true,
      after: false,
    });
    expect(event.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.durationMs).toBe(Date.parse(event.completedAt!) - Date.parse(event.createdAt));

    await system.admin('POST', '/faults', {
      type: 'zuora-error',
      category: 10,
      message: 'Operation not permitted for this user',
      pathPrefix: '/v1/subscriptions',
    });
    const failed = await syncZuora('A-S00000271');
    expect(failed.status).toBe(502);
    const failure = await detail(failed.headers.get('x-event-id')!);
    expect(failure.error?.message).toBe((failed.body as { message: string }).message);
    expect(failure.error?.message).toContain('Operation not permitted');
    expect(failure.error?.code).not.toBe('UNKNOWN');
    expect(failure.replayable).toEqual({ ok: true, reason: null });
  });

  it('replays a failed sync as a new event linked to the old one', async () => {
    await system.admin('POST', '/faults', {
      type: 'zuora-error',
      category: 10,
      pathPrefix: '/v1/subscriptions',
    });
    const failed = await syncZuora('A-S00000272');
    expect(failed.status).toBe(502);
    const failedId = failed.headers.get('x-event-id')!;
    await system.admin('DELETE', '/faults');

    const replay = await system.api('POST', `/api/events/${failedId}/replay`);
    expect(replay.status).toBe(202);
    const { eventId } = replay.body as { eventId: string };
    expect(replay.body).toEqual({ eventId, status: 'queued', replayOf: failedId });
    expect(eventId).not.toBe(failedId);

    const replayed = await settled(eventId);
    expect(replayed).toMatchObject({
      status: 'succeeded',
      replayOf: failedId,
      ref: 'A-S00000272',
      trigger: 'api',
      subscriptionId: expect.stringMatching(/^sub-/),
    });
    const original = await detail(failedId);
    expect(original.status).toBe('failed');
    expect(original.replays).toEqual([
      { id: eventId, status: 'succeeded', createdAt: replayed.createdAt },
    ]);
    expect((await list(`?subscription=A-S00000272&status=succeeded`)).data[0]?.replayOf).toBe(
      failedId,
    );
  });

  it('refuses to replay an event that did not fail, or one that does not exist', async () => {
    const ok = await syncZuora('A-S00000273');
    const okId = ok.headers.get('x-event-id')!;
    const refused = await system.api('POST', `/api/events/${okId}/replay`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      message: `Only failed events can be replayed; ${okId} is succeeded`,
    });
    expect((await detail(okId)).replays).toEqual([]);

    const unknown = await system.api('POST', '/api/events/event-nope/replay');
    expect(unknown.status).toBe(404);
    const anonymous = await system.api('POST', `/api/events/${okId}/replay`, { token: null });
    expect(anonymous.status).toBe(401);
  });

  it('turns a malformed dead-lettered message into a failed event with its provenance', async () => {
    const marker = `broken-${Date.now()}`;
    const key = `zuora:${marker}`;
    // zuora-sync and stripe-sync both read the topic; each dead-letters its copy.
    await producer.send({
      topic: system.topic(Topics.syncRequested),
      acks: -1,
      messages: [{ key, value: `{"not json": ${marker}` }],
    });

    const event = await eventually(async () => {
      const { data } = await list(`?subscription=${encodeURIComponent(key)}`);
      expect(data).toHaveLength(1);
      return detail(data[0]!.id);
    });
    expect(event).toMatchObject({
      status: 'failed',
      type: 'sync',
      provider: null,
      ref: key,
      request: null,
      error: { code: 'DEAD_LETTERED', message: expect.stringContaining('value is not JSON') },
      deadLetter: {
        topic: Topics.syncRequested,
        partition: expect.any(Number),
        offset: expect.stringMatching(/^\d+$/),
        consumerGroup: expect.stringMatching(/^subsync\.(zuora|stripe)-sync$/),
        attempts: 1,
        exceptionClass: 'PermanentMessageError',
        key,
        value: `{"not json": ${marker}`,
        valueEncoding: 'utf8',
        deadLetterTopic: deadLetterTopic(Topics.syncRequested),
      },
      replayable: {
        ok: false,
        reason: expect.stringContaining('not a valid sync.requested.v1 message'),
      },
    });
    expect(event.reason).toMatch(/^Dead-lettered from sync\.requested\.v1 by subsync\./);

    // Both groups' copies are one message: still one Event once both are in.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await list(`?subscription=${encodeURIComponent(key)}`)).data).toHaveLength(1);
    const replay = await system.api('POST', `/api/events/${event.id}/replay`);
    expect(replay.status).toBe(409);
    expect((replay.body as { message: string }).message).toContain('publish a corrected message');
  });

  it('replays a valid dead-lettered sync request', async () => {
    // A request some consumer gave up on (a bug since fixed, say): written to the DLT as a
    // consumer would, with provenance headers.
    const request = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'upstream-e2e',
      now: new Date(),
      data: { provider: 'zuora', scope: 'subscription', ref: 'A-S00000274', trigger: 'upstream' },
    });
    await producer.send({
      topic: system.topic(deadLetterTopic(Topics.syncRequested)),
      acks: -1,
      messages: [
        {
          key: 'zuora:A-S00000274',
          value: JSON.stringify(request),
          headers: {
            'x-original-topic': Topics.syncRequested,
            'x-original-partition': '0',
            'x-original-offset': String(Date.now()),
            'x-original-timestamp': String(Date.now()),
            'x-consumer-group': 'subsync.zuora-sync',
            'x-exception-class': 'TypeError',
            'x-exception-message': "Cannot read properties of undefined (reading 'ratePlans')",
            'x-attempts': '5',
            'x-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
    const letter = await eventually(async () => {
      const { data } = await list('?subscription=A-S00000274&status=failed');
      expect(data).toHaveLength(1);
      return detail(data[0]!.id);
    });
    expect(letter).toMatchObject({
      provider: 'zuora',
      trigger: 'upstream',
      correlationId: request.correlationId,
      reason:
        "Dead-lettered from sync.requested.v1 by subsync.zuora-sync after 5 attempts: Cannot read properties of undefined (reading 'ratePlans')",
      request: { topic: Topics.syncRequested, data: { ref: 'A-S00000274', scope: 'subscription' } },
      deadLetter: { attempts: 5, exceptionClass: 'TypeError', consumerGroup: 'subsync.zuora-sync' },
      replayable: { ok: true, reason: null },
    });

    const replay = await system.api('POST', `/api/events/${letter.id}/replay`);
    expect(replay.status).toBe(202);
    const replayed = await settled((replay.body as { eventId: string }).eventId);
    expect(replayed).toMatchObject({
      status: 'succeeded',
      replayOf: letter.id,
      trigger: 'upstream',
    });
  });

  it('fails a queued event whose request was dead-lettered, and answers its waiting caller', async () => {
    // Zuora holds the sync long enough for the letter to arrive while the Event is queued.
    await system.admin('POST', '/faults', {
      type: 'delay',
      delayMs: 20_000,
      count: 5,
      pathPrefix: '/v1/subscriptions',
    });
    const pending = syncZuora('A-S00000275');
    const queued = await eventually(async () => {
      const { data } = await list('?subscription=A-S00000275&status=queued');
      expect(data).toHaveLength(1);
      return data[0]!;
    });
    const request = createEnvelope<SyncRequested>({
      topic: Topics.syncRequested,
      source: 'gateway',
      now: new Date(),
      data: {
        provider: 'zuora',
        scope: 'subscription',
        ref: 'A-S00000275',
        trigger: 'api',
        eventId: queued.id,
      },
    });
    await producer.send({
      topic: system.topic(deadLetterTopic(Topics.syncRequested)),
      acks: -1,
      messages: [
        {
          key: 'zuora:A-S00000275',
          value: JSON.stringify(request),
          headers: {
            'x-original-topic': Topics.syncRequested,
            'x-original-partition': '1',
            'x-original-offset': String(Date.now()),
            'x-consumer-group': 'subsync.zuora-sync',
            'x-exception-class': 'Error',
            'x-exception-message': 'gave up',
            'x-attempts': '5',
          },
        },
      ],
    });

    const answer = await pending;
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-event-id')).toBe(queued.id);
    expect((answer.body as { message: string }).message).toBe(
      'Dead-lettered from sync.requested.v1 by subsync.zuora-sync after 5 attempts: gave up',
    );
    const event = await detail(queued.id);
    expect(event).toMatchObject({
      status: 'failed',
      error: { code: 'DEAD_LETTERED' },
      deadLetter: { partition: 1, attempts: 5 },
      request: { topic: Topics.syncRequested, data: { ref: 'A-S00000275' } },
    });
    // Only that one Event: the letter took over the queued one instead of adding another.
    expect((await list('?subscription=A-S00000275')).data.map((e) => e.id)).toContain(queued.id);
    expect((await list('?subscription=A-S00000275&status=failed')).data).toHaveLength(1);
  });

  it('lists subscriptions newest first, by search and in pages', async () => {
    interface SubscriptionPage {
      data: { id: string; reference: string; customer: { name: string | null } | null }[];
      nextCursor: string | null;
    }
    const page = async (query: string) => {
      const answer = await system.api('GET', `/api/subscriptions${query}`);
      expect(answer.status).toBe(200);
      return answer.body as SubscriptionPage;
    };
    const everything = await page('');
    expect(everything.nextCursor).toBeNull();
    expect(everything.data.map((s) => s.reference)).toEqual(
      expect.arrayContaining(['A-S00000271', 'A-S00000272', 'sub_demoActiveGbp']),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: SubscriptionPage = await page(
        `?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(next.data.length).toBeLessThanOrEqual(2);
      seen.push(...next.data.map((s) => s.id));
      cursor = next.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(everything.data.map((s) => s.id));

    const hartley = await page('?search=hartley');
    expect(hartley.data.length).toBeGreaterThan(0);
    expect(hartley.data.every((s) => s.customer?.name === 'Amelia Hartley')).toBe(true);
    expect((await page(`?search=${encodeURIComponent('%')}`)).data).toEqual([]);

    const badCursor = await system.api('GET', '/api/subscriptions?cursor=sub-nope');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toEqual({ message: 'cursor is not one this API returned' });
  });
});
