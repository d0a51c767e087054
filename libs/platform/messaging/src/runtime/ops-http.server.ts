import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsExposition } from '@subsync/metrics';
import type { Readiness } from './readiness';

export interface OpsHttpServer {
  /** The port it listens on (the one asked for, or the one the system chose for port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * The small HTTP listener of a service with no HTTP API of its own (the workers): `/metrics`,
 * `/health/live` and `/health/ready`, GET only, nothing else. It serves no data of any customer.
 */
export async function startOpsHttpServer(options: {
  port: number;
  host: string;
  readiness: Readiness;
}): Promise<OpsHttpServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain', 'only GET\n', { Allow: 'GET, HEAD' });
    }
    if (path === '/health/live') return sendJson(response, 200, { status: 'ok' });
    if (path === '/health/ready') {
      void options.readiness
        .check()
        .then(({ ready, checks }) =>
          sendJson(response, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks }),
        );
      return;
    }
    if (path === '/metrics') {
      metricsExposition().then(
        ({ contentType, text }) => send(response, 200, contentType, text),
        (error: unknown) => send(response, 500, 'text/plain', `${String(error)}\n`),
      );
      return;
    }
    send(response, 404, 'text/plain', 'not found\n');
  });
  // A probe holds no connection open for long; a stuck client must not keep the process up.
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(body);
}
