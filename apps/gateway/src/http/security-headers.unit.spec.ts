import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(securityHeaders());
    app.use((_request, response) => {
      response.json({ ok: true });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function headersOf(path: string): Promise<Record<string, string | null>> {
    const response = await fetch(`${base}${path}`);
    await response.text();
    const pick = (name: string) => response.headers.get(name);
    return {
      csp: pick('content-security-policy'),
      nosniff: pick('x-content-type-options'),
      poweredBy: pick('x-powered-by'),
      cache: pick('cache-control'),
      referrer: pick('referrer-policy'),
      frame: pick('x-frame-options'),
    };
  }

  it.each(['/console/', '/console/index.html', '/console/assets/app.js', '/console/events'])(
    "gives %s the console's CSP with frame-ancestors 'none'",
    async (path) => {
      expect(await headersOf(path)).toEqual({
        csp: "default-src 'self';img-src 'self' data:;object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
        nosniff: 'nosniff',
        poweredBy: null,
        cache: null,
        referrer: 'no-referrer',
        frame: 'SAMEORIGIN',
      });
    },
  );

  it.each(['/api/events', '/api/subscriptions/sub-1', '/health', '/nowhere'])(
    'gives %s no-store and a CSP that loads nothing',
    async (path) => {
      expect(await headersOf(path)).toEqual({
        csp: "default-src 'none';frame-ancestors 'none'",
        nosniff: 'nosniff',
        poweredBy: null,
        cache: 'no-store',
        referrer: 'no-referrer',
        frame: 'SAMEORIGIN',
      });
    },
  );

  it('keeps Swagger UI from being framed without breaking its inline styles', async () => {
    expect(await headersOf('/api/docs/ui/')).toMatchObject({
      csp: "object-src 'none';base-uri 'none';frame-ancestors 'none'",
      nosniff: 'nosniff',
      poweredBy: null,
    });
  });
});
