import { connect, createServer, type Server, type Socket } from 'node:net';
import { getFreePort } from '@subsync/local-infra';
import { createTestDatabase } from '@subsync/testkit';

/** A TCP proxy to PostgreSQL that can be cut (connections reset, port closed) and restored. */
export class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  }
}

/** A fresh test database reached through an open proxy: its URL and the proxy to cut. */
export async function proxiedTestDatabase(
  name: string,
): Promise<{ proxy: CuttableProxy; databaseUrl: string }> {
  const databaseUrl = new URL(await createTestDatabase(name));
  const proxy = new CuttableProxy(await getFreePort(), {
    host: databaseUrl.hostname,
    port: Number(databaseUrl.port),
  });
  await proxy.open();
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return { proxy, databaseUrl: proxied.href };
}
