import { type CuttableProxy, proxiedTestDatabase } from './support/cuttable-proxy';
import {
  eventually,
  RunningSystem,
  SERVICE_NAMES,
  type ServiceName,
} from './support/running-system';

// Readiness follows PostgreSQL: every service reaches it through a TCP proxy, which is cut and
// then restored. Liveness never changes: the processes are fine, their database is not.

interface Probe {
  status: number;
  body: { status: string; checks: Record<string, string> };
}

describe('readiness when PostgreSQL goes away and comes back', () => {
  let system: RunningSystem;
  let proxy: CuttableProxy;

  beforeAll(async () => {
    const database = await proxiedTestDatabase('e2e_ready');
    proxy = database.proxy;
    system = await RunningSystem.start(SERVICE_NAMES, {
      env: { DATABASE_URL: database.databaseUrl },
    });
  });

  afterAll(async () => {
    await system?.stop();
    await proxy?.cut();
  });

  const probe = async (name: ServiceName, path: string): Promise<Probe> => {
    const response = await fetch(`${system.opsUrl(name)}${path}`);
    return { status: response.status, body: (await response.json()) as Probe['body'] };
  };
  const everyService = (check: (name: ServiceName) => Promise<void>, timeoutMs: number) =>
    Promise.all(SERVICE_NAMES.map((name) => eventually(() => check(name), timeoutMs)));

  it('fails on every service within seconds, and recovers once the database is back', async () => {
    await everyService(async (name) => {
      expect((await probe(name, '/health/ready')).status).toBe(200);
    }, 60_000);

    await proxy.cut();
    const cutAt = Date.now();
    await everyService(async (name) => {
      const ready = await probe(name, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('unavailable');
      expect(ready.body.checks['database']).toBe('down');
    }, 15_000);
    expect(Date.now() - cutAt).toBeLessThan(10_000);
    for (const name of SERVICE_NAMES) {
      expect((await probe(name, '/health/live')).status).toBe(200);
    }

    await proxy.open();
    const restoredAt = Date.now();
    await everyService(async (name) => {
      const ready = await probe(name, '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual({ database: 'up', consumer: 'up', outbox: 'up' });
    }, 60_000);
    expect(Date.now() - restoredAt).toBeLessThan(30_000);
  });
});
