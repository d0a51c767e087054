import { hs256IdToken, saveHs256Provider } from './support/hs256-shop';
import { RunningSystem } from './support/running-system';

// Issue 12's throttles, through the real gateway: failed logins and failed callout
// authentications are answered 429 per client address and overall, while /health and operators
// are never slowed. The gateway trusts the loopback proxy here, so X-Forwarded-For names a client.

const CALLOUT_USERNAME = 'zuora-callouts';
const CALLOUT_PASSWORD = 'e2e-callout-password-throttling';
const SHOP = {
  issuer: 'https://shop.throttling.example/',
  secret: 'throttling-hs256-secret-0123456789abcdef',
};

const idToken = (secret: string) => hs256IdToken(SHOP, { account: 'A00000271' }, { secret });

const basic = (password: string) =>
  `Basic ${Buffer.from(`${CALLOUT_USERNAME}:${password}`).toString('base64')}`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('throttling failed logins and callout authentications', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(['gateway'], {
      env: {
        CALLOUT_USERNAME,
        CALLOUT_PASSWORD,
        GATEWAY_TRUST_PROXY: 'loopback',
        // No zuora-sync runs: an admitted callout is answered 202 (queued) after this wait.
        SYNC_WAIT_TIMEOUT_MS: '1000',
        // The defaults (30/1m per address, 600/1m overall), written out as the README gives them.
        THROTTLE_LOGIN_PER_ADDRESS: '30/1m',
        THROTTLE_LOGIN_GLOBAL: '600/1m',
        THROTTLE_CALLOUT_PER_ADDRESS: '10/1m',
        THROTTLE_CALLOUT_GLOBAL: '100/1m',
      },
    });
    expect(await saveHs256Provider(system, 'shop', SHOP)).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function login(from: string, token: string) {
    const response = await fetch(`${system.gatewayUrl}/api/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ idToken: token }),
    });
    const body = (await response.json()) as { message?: string };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  async function health(): Promise<{ status: number; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${system.gatewayUrl}/health`, {
      signal: AbortSignal.timeout(5_000),
    });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  }

  it('answers most of 2,000 bad logins from one address 429, while /health and other addresses carry on', async () => {
    const attacker = '203.0.113.7';
    const forged = await idToken('not-the-shop-secret-0123456789abcdef');
    const baseline: number[] = [];
    for (let i = 0; i < 20; i += 1) baseline.push((await health()).ms);

    const statuses = new Map<number, number>();
    const retryAfters = new Set<string | null>();
    const healthDuringFlood: { status: number; ms: number }[] = [];
    let flooding = true;
    const prober = (async () => {
      while (flooding) {
        healthDuringFlood.push(await health());
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 2_000) {
          next += 1;
          const answer = await login(attacker, forged);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 429) retryAfters.add(answer.retryAfter);
        }
      }),
    );
    flooding = false;
    await prober;

    process.stdout.write(
      `[throttling] 2,000 bad logins: ${JSON.stringify(Object.fromEntries(statuses))}; /health median ${median(baseline).toFixed(1)} ms before, ${median(healthDuringFlood.map((h) => h.ms)).toFixed(1)} ms during (${healthDuringFlood.length} probes)\n`,
    );
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(1_900);
    expect([...retryAfters].every((value) => Number(value) >= 1 && Number(value) <= 60)).toBe(true);
    // Every probe answered 200 inside its 5 s timeout: the flood never starved the gateway.
    expect(healthDuringFlood.length).toBeGreaterThan(0);
    expect(healthDuringFlood.every((h) => h.status === 200)).toBe(true);

    // The attacker's address is refused even with a good token; everyone else is not.
    const good = await idToken(SHOP.secret);
    expect(await login(attacker, good)).toMatchObject({
      status: 429,
      body: {
        message: expect.stringMatching(
          /^Too many failed logins from this address; try again in \d+ seconds$/,
        ) as unknown,
      },
    });
    expect((await login('198.51.100.2', good)).status).toBe(202);
    // An operator behind the same address is not slowed by what the address did.
    const events = await fetch(`${system.gatewayUrl}/api/events?limit=1`, {
      headers: { authorization: `Bearer ${await system.token()}`, 'x-forwarded-for': attacker },
    });
    expect(events.status).toBe(200);
  }, 120_000);

  it('answers 429 after 10 wrong callout passwords from an address, even to the right one, and not elsewhere', async () => {
    const guesser = '203.0.113.99';
    const callout = (from: string, password: string) =>
      fetch(`${system.gatewayUrl}/api/plugins/zuora/sync/subscription/A-S00000271`, {
        method: 'POST',
        headers: { authorization: basic(password), 'x-forwarded-for': from },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await callout(guesser, `guess-${i}`)).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429]);
    const right = await callout(guesser, CALLOUT_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another address with the right password is admitted, and its sync is queued.
    expect((await callout('198.51.100.20', CALLOUT_PASSWORD)).status).toBe(202);
  }, 60_000);
});
