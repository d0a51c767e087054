import { RunningSystem } from './support/running-system';

// A storm of 429s and 5xxs from Zuora while many callers wait synchronously: each sync's retries
// run against a deadline (SYNC_UPSTREAM_DEADLINE_MS) shorter than the gateway's wait
// (SYNC_WAIT_TIMEOUT_MS), so every caller hears 200 or an honest 502, never a 202 or a 500.

const WAIT_MS = 12_000;
const DEADLINE_MS = 6_000;
const CALLERS = 80;

interface Answer {
  status: number;
  body: { success?: boolean; id?: string; message?: string };
}

describe('a storm of upstream failures', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway', 'zuora-sync'], {
      env: {
        SYNC_WAIT_TIMEOUT_MS: String(WAIT_MS),
        SYNC_UPSTREAM_DEADLINE_MS: String(DEADLINE_MS),
        ZUORA_TIMEOUT_MS: '1500',
      },
    });
  });

  afterAll(async () => {
    await system?.admin('DELETE', '/faults');
    await system?.admin('PUT', '/settings', { latencyMs: 0, concurrencyLimit: 40 });
    await system?.stop();
  });

  it(`answers ${CALLERS} synchronous callers with 200 or 502 only, and closes every Event`, async () => {
    const seeded = (await system.admin('POST', '/bulk-seed', {
      subscriptions: CALLERS,
      start: 1,
    })) as { count: number; first: string };
    expect(seeded.count).toBe(CALLERS);
    const numbers = Array.from(
      { length: CALLERS },
      (_, i) => `A-S9${String(i + 1).padStart(7, '0')}`,
    );

    // A slow tenant with a quarter of the concurrency subsync assumes, rate limits on the
    // subscription reads that ask for a second's patience, and 503s on the account reads.
    await system.admin('PUT', '/settings', { latencyMs: 100, concurrencyLimit: 10 });
    await system.admin('POST', '/faults', {
      type: 'rate-limit',
      retryAfterSeconds: 1,
      pathPrefix: '/v1/subscriptions',
      count: 60,
    });
    await system.admin('POST', '/faults', {
      type: 'server-error',
      status: 503,
      pathPrefix: '/v1/accounts',
      count: 60,
    });

    const started = Date.now();
    const answers = await Promise.all(
      numbers.map(
        async (number) =>
          (await system.api('POST', `/api/plugins/zuora/sync/subscription/${number}`)) as Answer,
      ),
    );
    const tookMs = Date.now() - started;

    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 200 && status !== 502)).toEqual([]);
    expect(statuses).toContain(200);
    for (const answer of answers.filter((a) => a.status === 502)) {
      expect(answer.body.message).toMatch(/^Zuora (request failed|did not answer within 6 s)/);
    }
    // Every caller was answered before the gateway would have given up waiting.
    expect(tookMs).toBeLessThan(WAIT_MS + 5_000);

    const { data } = (await system.api('GET', `/api/events?limit=${CALLERS * 2}`)).body as {
      data: { ref: string; status: string }[];
    };
    const mine = data.filter((event) => numbers.includes(event.ref));
    expect(mine).toHaveLength(CALLERS);
    expect(mine.filter((event) => event.status === 'queued')).toEqual([]);
  });
});
