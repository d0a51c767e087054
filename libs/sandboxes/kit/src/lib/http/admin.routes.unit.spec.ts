import type { Request } from 'express';
import { z } from 'zod';
import { faultMatchShape } from '../faults/fault.schema';
import { FaultQueue, type FaultMatch } from '../faults/fault-queue';
import { parseInput, SandboxInputError } from '../input/sandbox-input.error';
import type { RequestLog, RequestLogEntry } from '../requests/request-log';
import { plainRequestLog } from '../../../test/plain-request-log';
import { sandboxAdminRouter } from './admin.routes';
import { createSandboxApp, type SandboxServer, startSandboxServer } from './sandbox-server';

type QueuedSpec = FaultMatch & { type: 'boom'; status?: number };
type Spec = QueuedSpec | { type: 'forget-everything' };

const specSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('boom'), status: z.number().optional(), ...faultMatchShape }),
  z.strictObject({ type: z.literal('forget-everything') }),
]);

interface Fixture {
  url: string;
  faults: FaultQueue<QueuedSpec>;
  log: RequestLog<RequestLogEntry>;
  forgotten: number;
}

describe('sandboxAdminRouter', () => {
  let server: SandboxServer;
  let fixture: Fixture;

  /** Mounts the admin API under `/sandbox`, with one route of its own and a logged API. */
  async function start(queryParam?: (req: Request, name: string) => string | undefined) {
    const faults = new FaultQueue<QueuedSpec>();
    const log = plainRequestLog();
    const app = createSandboxApp();
    app.use(
      '/sandbox',
      sandboxAdminRouter({
        routes: (router) => {
          router.get('/widgets/:id', (req) => {
            throw new SandboxInputError(`no widget '${req.params.id}'`, 404);
          });
          router.post('/explode', () => {
            throw new Error('kaboom');
          });
        },
        faults,
        parseFault: (body): Spec => parseInput(specSchema, body, 'fault'),
        injectFault: (spec) => {
          if (spec.type === 'boom') return faults.inject(spec);
          fixture.forgotten += 1;
          return null;
        },
        log,
        ...(queryParam ? { queryParam } : {}),
      }),
    );
    app.use((req, res) => {
      log.start(req, 'req');
      res.status(204).end();
    });
    server = await startSandboxServer(app, { port: 0, host: '127.0.0.1' });
    fixture = { url: `${server.url}/sandbox`, faults, log, forgotten: 0 };
  }
  afterEach(() => server.close());

  const call = async (
    method: string,
    path: string,
    body?: string,
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${fixture.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };

  describe('faults', () => {
    beforeEach(() => start());

    it('queues a fault (201), lists it and clears the queue (204)', async () => {
      expect(await call('POST', '/faults', '{"type":"boom","count":2,"pathPrefix":"/v1"}')).toEqual(
        {
          status: 201,
          body: { type: 'boom', count: 2, pathPrefix: '/v1', id: 1, remaining: 2 },
        },
      );
      expect(await call('GET', '/faults')).toEqual({
        status: 200,
        body: { faults: [{ type: 'boom', count: 2, pathPrefix: '/v1', id: 1, remaining: 2 }] },
      });
      expect(await call('DELETE', '/faults')).toEqual({ status: 204, body: null });
      expect(fixture.faults.list()).toEqual([]);
    });

    it('answers 200 `applied` for a fault that acts at once and queues nothing', async () => {
      expect(await call('POST', '/faults', '{"type":"forget-everything"}')).toEqual({
        status: 200,
        body: { type: 'forget-everything', applied: true },
      });
      expect(fixture.forgotten).toBe(1);
      expect(fixture.faults.list()).toEqual([]);
    });

    it('answers invalid fault bodies 400 with the sandbox’s message', async () => {
      expect(await call('POST', '/faults', '{"type":"boom","count":0}')).toEqual({
        status: 400,
        body: { message: 'invalid fault: count: Too small: expected number to be >=1' },
      });
      expect(await call('POST', '/faults', '{"type":')).toEqual({
        status: 400,
        body: { message: expect.stringContaining('JSON') },
      });
    });
  });

  describe('requests', () => {
    it('lists the log filtered by single query values, and clears it', async () => {
      await start();
      await fetch(`${server.url}/v1/a`);
      await fetch(`${server.url}/v1/b`, { method: 'POST' });
      await fetch(`${server.url}/v2/c`, { method: 'POST' });
      const paths = async (query: string) =>
        (
          (await call('GET', `/requests${query}`)).body as { requests: { path: string }[] }
        ).requests.map((r) => r.path);

      expect(await paths('')).toEqual(['/v1/a', '/v1/b', '/v2/c']);
      expect(await paths('?pathPrefix=/v1/&method=post')).toEqual(['/v1/b']);
      expect(await paths('?method=')).toEqual(['/v1/a', '/v1/b', '/v2/c']);
      // A repeated parameter is no single value: no filter.
      expect(await paths('?method=POST&method=GET')).toEqual(['/v1/a', '/v1/b', '/v2/c']);
      expect(await call('DELETE', '/requests')).toEqual({ status: 204, body: null });
      expect(fixture.log.list()).toEqual([]);
    });

    it('reads the filters with the sandbox’s own query reader when given one', async () => {
      await start((req, name) => {
        const value: unknown = req.query[name];
        return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
      });
      await fetch(`${server.url}/v1/a`);
      await fetch(`${server.url}/v1/b`, { method: 'POST' });

      expect(await call('GET', '/requests?method=POST&method=GET')).toEqual({
        status: 200,
        body: { requests: [expect.objectContaining({ path: '/v1/b' })] },
      });
    });
  });

  describe('the sandbox’s own routes and errors', () => {
    beforeEach(() => start());

    it('serves the sandbox’s routes, answering a SandboxInputError with its status', async () => {
      expect(await call('GET', '/widgets/w1')).toEqual({
        status: 404,
        body: { message: "no widget 'w1'" },
      });
    });

    it('answers an unknown admin route 404 and any other failure 500, as `{ message }`', async () => {
      expect(await call('PUT', '/nothing?x=1')).toEqual({
        status: 404,
        body: { message: 'no sandbox admin route for PUT /sandbox/nothing?x=1' },
      });
      expect(await call('POST', '/explode')).toEqual({
        status: 500,
        body: { message: 'kaboom' },
      });
    });

    it('answers a body over 1 MB 413', async () => {
      const huge = JSON.stringify({ type: 'boom', padding: 'x'.repeat(1_100_000) });

      expect(await call('POST', '/faults', huge)).toEqual({
        status: 413,
        body: { message: 'request entity too large' },
      });
    });
  });
});
