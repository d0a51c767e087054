import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';

export interface SandboxServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Runs first when the server closes, e.g. to cancel pending fault delays. */
  onClose?: () => void;
}

export interface SandboxServer {
  /** Base URL, e.g. `http://127.0.0.1:4010` (no trailing slash; IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections, so a pending request cannot hold it open. */
  close(): Promise<void>;
}

/** An Express app without the headers the upstream APIs do not send (`X-Powered-By`, `ETag`). */
export function createSandboxApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  return app;
}

export async function startSandboxServer(
  app: Express,
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const host = options.host ?? '127.0.0.1';
  const server = await listen(app, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => {
      options.onClose?.();
      return close(server);
    },
  };
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
