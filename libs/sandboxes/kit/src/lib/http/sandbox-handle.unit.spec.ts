import { FaultInjector, type DelayFault } from '../faults/fault-injector';
import { recordRequest } from '../requests/record-request';
import type { RequestLogEntry } from '../requests/request-log';
import { plainRequestLog } from '../../../test/plain-request-log';
import { startSandbox } from './sandbox-handle';
import { createSandboxApp } from './sandbox-server';

describe('startSandbox', () => {
  it('serves on 127.0.0.1 and hands out the shared members over the sandbox’s faults and log', async () => {
    const entries = new WeakMap<object, RequestLogEntry>();
    const log = plainRequestLog(10);
    const faults = new FaultInjector<DelayFault>({
      answer: () => undefined,
      logEntry: (req) => entries.get(req) ?? null,
    });
    const app = createSandboxApp();
    app.use((req, res, next) => {
      entries.set(req, recordRequest(log, req, res, 'req-1'));
      next();
    });
    app.use(faults.middleware());
    app.use((_req, res) => {
      res.status(204).end();
    });
    const sandbox = await startSandbox(app, { faults, log });

    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    await fetch(`${sandbox.url}/v1/a`);
    await fetch(`${sandbox.url}/v2/b`);
    expect(sandbox.requests({ pathPrefix: '/v2' })).toEqual([
      expect.objectContaining({ path: '/v2/b', status: 204 }),
    ]);
    sandbox.clearRequests();
    expect(sandbox.requests()).toEqual([]);

    faults.inject({ type: 'delay', delayMs: 1000 });
    faults.inject({ type: 'delay', delayMs: 1000 });
    sandbox.clearFaults();
    expect(faults.list()).toEqual([]);

    faults.inject({ type: 'delay', delayMs: 10_000 });
    const pending = fetch(`${sandbox.url}/v1/slow`).then(
      (r) => r.status,
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('dropped');
  });
});
