import { Topics } from '@subsync/domain';
import { type Hs256Shop, hs256IdToken, saveHs256Provider } from './support/hs256-shop';
import { samples, scrape, total, type Sample } from './support/prometheus-text';
import {
  eventually,
  RunningSystem,
  SERVICE_NAMES,
  type ServiceName,
} from './support/running-system';

// Every service's /metrics after real work: syncs through the API (one of them through a 429),
// a Stripe sync, logins (one verified, with hot sync on, one forged) and a message that cannot be
// parsed. The numbers are read back from the Prometheus text each service serves.

const shop: Hs256Shop = {
  issuer: 'https://shop.example/metrics',
  secret: 'metrics-shop-secret-that-is-long-enough',
};

describe('metrics of every service', () => {
  let system: RunningSystem;
  const marker = `metrics-${Date.now()}`;

  beforeAll(async () => {
    system = await RunningSystem.start();
    expect(await saveHs256Provider(system, 'metrics-shop', shop)).toBeLessThan(300);
    const toggle = await system.api('PUT', '/api/settings/zuora', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hotSyncEnabled: true }),
    });
    expect(toggle.status).toBeLessThan(300);

    // One 429 on the first subscription fetch: waited out, retried, counted.
    await system.admin('POST', '/faults', {
      type: 'rate-limit',
      retryAfterSeconds: 1,
      pathPrefix: '/v1/subscriptions/A-S00000271',
    });
    for (const ref of ['A-S00000271', 'A-S00000272']) {
      expect((await system.api('POST', `/api/plugins/zuora/sync/subscription/${ref}`)).status).toBe(
        200,
      );
    }
    const stripe = await system.api(
      'POST',
      '/api/plugins/stripe/sync/subscription/sub_demoActiveGbp',
    );
    expect(stripe.status).toBe(200);

    const login = async (idToken: string) =>
      (
        await system.api('POST', '/api/identity/login', {
          token: null,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ idToken }),
        })
      ).status;
    expect(await login(await hs256IdToken(shop, { account: 'A00000271' }))).toBe(202);
    expect(
      await login(await hs256IdToken(shop, {}, { secret: 'not-the-shop-secret-0123456789abc' })),
    ).toBe(401);

    await system.publish(Topics.syncRequested, [
      { key: `zuora:${marker}`, value: `{"not json ${marker}` },
    ]);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const metricsOf = (name: ServiceName): Promise<Sample[]> => scrape(system.opsUrl(name));

  it('zuora-sync counts its syncs, upstream calls, the 429, the retry and the dead letter', async () => {
    await eventually(async () => {
      const m = await metricsOf('zuora-sync');
      const api = { provider: 'zuora', trigger: 'api', outcome: 'succeeded' };
      expect(total(m, 'subsync_syncs_total', api)).toBeGreaterThanOrEqual(2);
      // The verified login, with hot sync on, became an account sync here.
      expect(
        total(m, 'subsync_syncs_total', { provider: 'zuora', trigger: 'hot-sync' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_sync_duration_seconds_count', { provider: 'zuora' }),
      ).toBeGreaterThanOrEqual(3);
      expect(total(m, 'subsync_sync_duration_seconds_sum', { provider: 'zuora' })).toBeGreaterThan(
        0,
      );
      const fetched = { provider: 'zuora', endpoint: 'GET /v1/subscriptions/{key}' };
      expect(
        total(m, 'subsync_upstream_request_duration_seconds_count', { ...fetched, status: '200' }),
      ).toBeGreaterThanOrEqual(2);
      expect(
        total(m, 'subsync_upstream_request_duration_seconds_count', { ...fetched, status: '429' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_upstream_request_duration_seconds_count', {
          provider: 'zuora',
          endpoint: 'POST /oauth/token',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(total(m, 'subsync_upstream_rate_limited_total', fetched)).toBeGreaterThanOrEqual(1);
      expect(total(m, 'subsync_upstream_retries_total', fetched)).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_dead_letters_total', { topic: Topics.syncRequested }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_upstream_budget_granted', { provider: 'zuora', budget: 'v1' }),
      ).toBeGreaterThan(0);
      expect(
        total(m, 'subsync_upstream_budget_limit', { provider: 'zuora', budget: 'v1' }),
      ).toBeGreaterThan(0);
      expect(
        samples(m, 'subsync_upstream_budget_in_use', { provider: 'zuora', budget: 'v1' }),
      ).toHaveLength(1);
      expect(samples(m, 'subsync_syncs_in_flight', { provider: 'zuora' })).toHaveLength(1);
      expect(
        samples(m, 'subsync_consumer_lag', { topic: Topics.syncRequested }).length,
      ).toBeGreaterThan(0);
      expect(samples(m, 'subsync_outbox_backlog')).toHaveLength(1);
      expect(samples(m, 'subsync_outbox_oldest_age_seconds')).toHaveLength(1);
    });
  });

  it('stripe-sync counts its sync and its Stripe calls by endpoint template', async () => {
    await eventually(async () => {
      const m = await metricsOf('stripe-sync');
      expect(
        total(m, 'subsync_syncs_total', {
          provider: 'stripe',
          trigger: 'api',
          outcome: 'succeeded',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_upstream_request_duration_seconds_count', {
          provider: 'stripe',
          endpoint: 'GET /v1/subscriptions/{id}',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_upstream_request_duration_seconds_count', {
          provider: 'stripe',
          endpoint: 'GET /v1/invoices',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        total(m, 'subsync_upstream_budget_limit', { provider: 'stripe', budget: 'rate' }),
      ).toBeGreaterThan(0);
      expect(
        samples(m, 'subsync_consumer_lag', { topic: Topics.syncRequested }).length,
      ).toBeGreaterThan(0);
    });
  });

  it('the gateway counts login verifications by outcome, and reads its consumer lag', async () => {
    await eventually(async () => {
      const m = await metricsOf('gateway');
      expect(total(m, 'subsync_login_verifications_total', { outcome: 'verified' })).toBe(1);
      expect(total(m, 'subsync_login_verifications_total', { outcome: 'invalid' })).toBe(1);
      expect(
        samples(m, 'subsync_consumer_lag', { topic: Topics.syncCompleted }).length,
      ).toBeGreaterThan(0);
      expect(samples(m, 'subsync_outbox_backlog')).toHaveLength(1);
    });
  });

  it('hot-sync reads its lag on the logins topic and its Zuora budget', async () => {
    await eventually(async () => {
      const m = await metricsOf('hot-sync');
      expect(
        samples(m, 'subsync_consumer_lag', { topic: Topics.identityLogin }).length,
      ).toBeGreaterThan(0);
      expect(
        total(m, 'subsync_upstream_budget_limit', { provider: 'zuora', budget: 'v1' }),
      ).toBeGreaterThan(0);
    });
  });

  it('every service serves process metrics, names itself, and puts no id in any label', async () => {
    for (const name of SERVICE_NAMES) {
      const m = await metricsOf(name);
      expect(total(m, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(total(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(m.every((sample) => sample.labels['service'] === name)).toBe(true);
      const values = m.flatMap((sample) => Object.values(sample.labels));
      expect(
        values.filter((value) => /A-S\d|sub_|sub-|event-|A0\d|metrics-\d/.test(value)),
      ).toEqual([]);
    }
  });

  it('every service is live and ready, and the gateway /health keeps its answer', async () => {
    for (const name of SERVICE_NAMES) {
      const live = await fetch(`${system.opsUrl(name)}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${system.opsUrl(name)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'up', consumer: 'up', outbox: 'up' },
      });
    }
    const health = await system.send('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { database: 'up', kafka: 'up' } });
  });
});
