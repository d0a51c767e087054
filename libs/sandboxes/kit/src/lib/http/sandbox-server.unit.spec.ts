import { createSandboxApp, startSandboxServer } from './sandbox-server';
import { sendProxyErrorPage } from './proxy-error-page';

describe('startSandboxServer', () => {
  it('listens on a free port and answers without X-Powered-By or ETag', async () => {
    const app = createSandboxApp();
    app.get('/hello', (_req, res) => {
      res.json({ hello: 'world' });
    });
    const server = await startSandboxServer(app, { port: 0, host: '127.0.0.1' });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      const response = await fetch(`${server.url}/hello`);
      expect([response.status, await response.json()]).toEqual([200, { hello: 'world' }]);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('etag')).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('closes at once, dropping open connections, after running onClose', async () => {
    const events: string[] = [];
    const app = createSandboxApp();
    app.get('/hang', () => events.push('request'));
    const server = await startSandboxServer(app, {
      port: 0,
      host: '127.0.0.1',
      onClose: () => events.push('onClose'),
    });
    const pending = fetch(`${server.url}/hang`).then(
      (r) => r.status,
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));

    await server.close();

    expect(await pending).toBe('dropped');
    expect(events).toEqual(['request', 'onClose']);
    await expect(fetch(`${server.url}/hang`)).rejects.toThrow();
  });

  it('fails to start on a port already in use', async () => {
    const first = await startSandboxServer(createSandboxApp(), { port: 0, host: '127.0.0.1' });
    try {
      await expect(
        startSandboxServer(createSandboxApp(), { port: first.port, host: '127.0.0.1' }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});

describe('sendProxyErrorPage', () => {
  it('answers a gateway failure with an HTML page, as a proxy would', async () => {
    const app = createSandboxApp();
    app.get('/:status', (req, res) => sendProxyErrorPage(res, Number(req.params.status)));
    const server = await startSandboxServer(app, { port: 0, host: '127.0.0.1' });
    try {
      const answers = await Promise.all(
        ['502', '504', '599'].map(async (status) => {
          const response = await fetch(`${server.url}/${status}`);
          return [response.status, response.headers.get('content-type'), await response.text()];
        }),
      );
      expect(answers).toEqual([
        [
          502,
          'text/html; charset=utf-8',
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        ],
        [
          504,
          'text/html; charset=utf-8',
          '<html><head><title>504 Gateway Timeout</title></head><body><h1>504 Gateway Timeout</h1></body></html>',
        ],
        [
          599,
          'text/html; charset=utf-8',
          '<html><head><title>599 Error</title></head><body><h1>599 Error</h1></body></html>',
        ],
      ]);
    } finally {
      await server.close();
    }
  });
});
