import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on 127.0.0.1. There is a short window in which another process
 * could take it; the servers we start bind almost immediately, which keeps that risk small.
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('Could not allocate a free port')),
      );
    });
  });
}

/** Reuses `preferred` when it is still free (stable addresses across restarts), else any free port. */
export async function getPreferredPort(preferred: number | undefined): Promise<number> {
  if (preferred && (await isPortFree(preferred))) {
    return preferred;
  }
  return getFreePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
