import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePort } from './free-port';
import { startServiceProcess } from './service-process';

// jest-circus only honours the global testTimeout, not the int project's, so set it here.
jest.setTimeout(30_000);

/** A tiny stand-in for a compiled service: logs, serves /health, exits 0 on SIGTERM. */
const FIXTURE = `
const http = require('node:http');
if (process.env.FIXTURE_MODE === 'crash') { console.error('boom: missing config'); process.exit(3); }
const server = http.createServer((req, res) => { res.statusCode = req.url === '/health' ? 200 : 404; res.end('ok'); });
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
process.on('SIGTERM', () => { console.log('shutting down'); server.close(() => process.exit(0)); });
`;

describe('startServiceProcess', () => {
  let dir: string;
  let script: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-infra-service-'));
    script = join(dir, 'service.js');
    await writeFile(script, FIXTURE);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('waits for a log line, captures output, and returns the exit code on kill', async () => {
    const port = await getFreePort();
    const service = await startServiceProcess({
      name: 'fixture',
      script,
      env: { PORT: String(port) },
      readyWhen: (line) => line.includes('listening on'),
      timeoutMs: 10_000,
    });
    expect(service.pid).toBeGreaterThan(0);
    expect(service.logs()).toContain(`listening on ${port}`);
    await expect(service.kill('SIGTERM')).resolves.toBe(0);
    expect(service.logs()).toContain('shutting down');
  });

  it('waits for a healthy HTTP endpoint', async () => {
    const port = await getFreePort();
    const service = await startServiceProcess({
      name: 'fixture-http',
      script,
      env: { PORT: String(port) },
      healthUrl: `http://127.0.0.1:${port}/health`,
      timeoutMs: 10_000,
    });
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
    await expect(service.kill('SIGKILL')).resolves.toBeNull();
  });

  it('fails with the captured output when the process dies before it is ready', async () => {
    await expect(
      startServiceProcess({
        name: 'fixture-crash',
        script,
        env: { FIXTURE_MODE: 'crash' },
        readyWhen: (line) => line.includes('listening on'),
        timeoutMs: 10_000,
      }),
    ).rejects.toThrow(
      /fixture-crash did not become ready: the process exited with code 3[\s\S]*boom: missing config/,
    );
  });

  it('fails after the timeout and leaves no process behind', async () => {
    const port = await getFreePort();
    const error = await startServiceProcess({
      name: 'fixture-slow',
      script,
      env: { PORT: String(port) },
      readyWhen: (line) => line.includes('never printed'),
      timeoutMs: 1_000,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/timed out after 1 s[\s\S]*listening on/);
    // The port is free again, so the process is really gone.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
