import type { Express } from 'express';
import type { FaultInjector } from '../faults/fault-injector';
import type { QueueableFault } from '../faults/fault-queue';
import type { RequestLog, RequestLogEntry, RequestLogFilter } from '../requests/request-log';
import { startSandboxServer, type SandboxServerOptions } from './sandbox-server';

/** The members every sandbox's handle has; each sandbox adds its credentials, store and faults. */
export interface SandboxHandle<E extends RequestLogEntry> {
  readonly url: string;
  readonly port: number;
  clearFaults(): void;
  /** The request log, oldest first (admin calls are not logged). */
  requests(filter?: RequestLogFilter): E[];
  clearRequests(): void;
  /** Stops the server; pending fault delays are cancelled, open connections dropped. */
  close(): Promise<void>;
}

export interface SandboxHandleOptions<
  Q extends QueueableFault,
  E extends RequestLogEntry,
> extends Omit<SandboxServerOptions, 'onClose'> {
  faults: FaultInjector<Q>;
  log: RequestLog<E>;
}

/** Starts the sandbox's server and returns the handle members that work alike in every sandbox. */
export async function startSandbox<Q extends QueueableFault, E extends RequestLogEntry>(
  app: Express,
  { faults, log, ...listen }: SandboxHandleOptions<Q, E>,
): Promise<SandboxHandle<E>> {
  const server = await startSandboxServer(app, { ...listen, onClose: () => faults.dispose() });
  return {
    url: server.url,
    port: server.port,
    clearFaults: () => faults.clear(),
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    close: () => server.close(),
  };
}
