import { createSandboxApp, type SandboxServer, startSandboxServer } from '../http/sandbox-server';
import { recordRequest } from './record-request';
import { authorizationKind, RequestLog, type RequestLogEntry } from './request-log';

interface TestEntry extends RequestLogEntry {
  authorization: 'bearer' | 'basic' | 'other' | 'none';
}

/** A server that logs every request; `/slow` answers after 100 ms, `/hang` never answers. */
async function startLogged(log: RequestLog<TestEntry>): Promise<SandboxServer> {
  let count = 0;
  const app = createSandboxApp();
  app.use((req, res, next) => {
    count += 1;
    recordRequest(log, req, res, `req-${count}`);
    next();
  });
  app.get('/slow', (_req, res) => {
    setTimeout(() => res.status(201).json({}), 100);
  });
  app.get('/hang', () => undefined);
  app.use((_req, res) => {
    res.status(204).end();
  });
  return startSandboxServer(app, { port: 0, host: '127.0.0.1' });
}

function testLog(limit: number): RequestLog<TestEntry> {
  return new RequestLog<TestEntry>(
    limit,
    () => new Date('2026-03-10T12:00:00.000Z'),
    (req, arrival) => ({
      ...arrival,
      status: null,
      durationMs: null,
      authorization: authorizationKind(req, ['bearer', 'basic']),
      fault: null,
    }),
  );
}

describe('RequestLog', () => {
  let log: RequestLog<TestEntry>;
  let server: SandboxServer;

  beforeEach(async () => {
    log = testLog(3);
    server = await startLogged(log);
  });
  afterEach(() => server.close());

  it('logs each request in arrival order, as the sandbox describes it', async () => {
    await fetch(`${server.url}/v1/things?limit=2&expand[]=a`, {
      headers: { Authorization: 'Bearer sk_test' },
    });
    await fetch(`${server.url}/slow`, { headers: { Authorization: 'BASIC dXNlcg==' } });

    expect(log.list()).toEqual([
      {
        seq: 1,
        requestId: 'req-1',
        at: '2026-03-10T12:00:00.000Z',
        method: 'GET',
        path: '/v1/things',
        query: 'limit=2&expand[]=a',
        status: 204,
        durationMs: expect.any(Number),
        authorization: 'bearer',
        fault: null,
      },
      {
        seq: 2,
        requestId: 'req-2',
        at: '2026-03-10T12:00:00.000Z',
        method: 'GET',
        path: '/slow',
        query: '',
        status: 201,
        durationMs: expect.any(Number),
        authorization: 'basic',
        fault: null,
      },
    ]);
    expect(log.list()[1]?.durationMs).toBeGreaterThanOrEqual(90);
  });

  it('keeps the last `limit` requests, numbering on', async () => {
    for (const path of ['/a', '/b', '/c', '/d', '/e']) await fetch(`${server.url}${path}`);

    expect(log.list().map((e) => [e.seq, e.path])).toEqual([
      [3, '/c'],
      [4, '/d'],
      [5, '/e'],
    ]);
  });

  it('filters by path prefix and by method in any case', async () => {
    await fetch(`${server.url}/v1/a`);
    await fetch(`${server.url}/v1/b`, { method: 'POST' });
    await fetch(`${server.url}/v2/c`, { method: 'POST' });

    expect(log.list({ pathPrefix: '/v1/' }).map((e) => e.path)).toEqual(['/v1/a', '/v1/b']);
    expect(log.list({ method: 'post' }).map((e) => e.path)).toEqual(['/v1/b', '/v2/c']);
    expect(log.list({ pathPrefix: '/v1/', method: 'POST' }).map((e) => e.path)).toEqual(['/v1/b']);
  });

  it('leaves the status null when the caller gives up before the answer', async () => {
    const abort = new AbortController();
    const request = fetch(`${server.url}/hang`, { signal: abort.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    await request;
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(log.list()).toEqual([
      expect.objectContaining({ path: '/hang', status: null, durationMs: expect.any(Number) }),
    ]);
  });

  it('hands out copies, and clears', async () => {
    await fetch(`${server.url}/a`);
    const [entry] = log.list();
    if (entry) entry.path = '/changed';

    expect(log.list().map((e) => e.path)).toEqual(['/a']);
    log.clear();
    expect(log.list()).toEqual([]);
  });
});

describe('authorizationKind', () => {
  let kinds: string[];
  let server: SandboxServer;

  beforeAll(async () => {
    const app = createSandboxApp();
    app.use((req, res) => {
      kinds.push(authorizationKind(req, ['bearer']));
      res.status(204).end();
    });
    server = await startSandboxServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('names the scheme, whatever its case; anything else is other, no header is none', async () => {
    kinds = [];
    for (const authorization of ['Bearer x', 'bEaReR x', 'Basic x', 'Bearerx', undefined]) {
      await fetch(server.url, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
    }

    expect(kinds).toEqual(['bearer', 'bearer', 'other', 'other', 'none']);
  });
});
