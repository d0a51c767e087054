import type { Request } from 'express';
import { createSandboxApp, type SandboxServer, startSandboxServer } from '../http/sandbox-server';
import { FaultInjector, type DelayFault } from './fault-injector';
import type { FaultMatch } from './fault-queue';

type TestFault = (FaultMatch & { type: 'teapot'; note?: string }) | DelayFault;

interface Fixture {
  server: SandboxServer;
  faults: FaultInjector<TestFault>;
  /** The log entries, one per request, where the injector records its fault. */
  logged: { fault: string | null }[];
}

/** A server whose routes answer `{ path }`, behind the injector; faults answer 418. */
async function startFixture(): Promise<Fixture> {
  const logged: { fault: string | null }[] = [];
  const entries = new WeakMap<Request, { fault: string | null }>();
  const faults = new FaultInjector<TestFault>({
    answer: (fault, _req, res) => {
      res.status(418).json({ answered: fault.type, note: fault.note ?? null });
    },
    logEntry: (req) => entries.get(req) ?? null,
    defaultScope: (path) => path.startsWith('/api/'),
  });
  const app = createSandboxApp();
  app.use((req, _res, next) => {
    const entry = { fault: null };
    entries.set(req, entry);
    logged.push(entry);
    next();
  });
  app.use(faults.middleware());
  app.use((req, res) => {
    res.json({ path: req.path });
  });
  const server = await startSandboxServer(app, {
    port: 0,
    host: '127.0.0.1',
    onClose: () => faults.dispose(),
  });
  return { server, faults, logged };
}

describe('FaultInjector', () => {
  let server: SandboxServer;
  let faults: FaultInjector<TestFault>;
  let logged: { fault: string | null }[];

  beforeEach(async () => {
    ({ server, faults, logged } = await startFixture());
  });
  afterEach(() => server.close());

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.json() };
  };

  it('answers matching requests in the sandbox’s own way, then lets requests through', async () => {
    faults.inject({ type: 'teapot', count: 2, note: 'short and stout' });

    expect(await get('/api/a')).toEqual({
      status: 418,
      body: { answered: 'teapot', note: 'short and stout' },
    });
    expect((await get('/api/b')).status).toBe(418);
    expect(await get('/api/c')).toEqual({ status: 200, body: { path: '/api/c' } });
    expect(logged.map((e) => e.fault)).toEqual(['teapot', 'teapot', null]);
  });

  it('leaves requests outside the default scope alone', async () => {
    faults.inject({ type: 'teapot' });

    expect(await get('/health')).toEqual({ status: 200, body: { path: '/health' } });
    expect(faults.list()).toHaveLength(1);
  });

  it('delays a request, then lets the sandbox answer it normally', async () => {
    faults.inject({ type: 'delay', delayMs: 150 });
    const started = Date.now();

    expect(await get('/api/slow')).toEqual({ status: 200, body: { path: '/api/slow' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(logged.map((e) => e.fault)).toEqual(['delay']);
  });
});

describe('FaultInjector.dispose', () => {
  it('cancels pending delays: the delayed request never reaches the sandbox', async () => {
    const { server, faults, logged } = await startFixture();
    faults.inject({ type: 'delay', delayMs: 300 });
    let answered = false;
    const pending = fetch(`${server.url}/api/slow`).then(
      () => {
        answered = true;
      },
      () => undefined,
    );
    // Dispose once the delay has begun (not after a fixed wait, which a busy machine outlasts).
    while (logged[0]?.fault !== 'delay') await new Promise((resolve) => setTimeout(resolve, 5));

    faults.dispose();
    // Twice the delay: a delay that dispose left running would have answered by then.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await server.close();
    await pending;

    expect(answered).toBe(false);
    expect(logged.map((e) => e.fault)).toEqual(['delay']);
  });
});
