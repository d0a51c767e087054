// Test support, not a test (jest runs only `*.unit.spec.ts`); the `.spec.ts` suffix keeps it out
// of the build. The client's tests talk to the sandbox over real HTTP, which is the one place the
// zuora-client project depends on the sandbox.
import {
  createZuoraSandbox,
  type SandboxRequestLogEntry,
  type ZuoraSandbox,
  type ZuoraSandboxOptions,
} from '@subsync/zuora-sandbox';
import type { ZuoraClientOptions } from '../zuora-client.options';
import { ZuoraClient } from '../zuora.client';

export type { SandboxRequestLogEntry, ZuoraSandbox };

export function startSandbox(options: ZuoraSandboxOptions = {}): Promise<ZuoraSandbox> {
  return createZuoraSandbox({ port: 0, ...options });
}

/** A client for the sandbox with fast retries, so tests do not wait on backoff. */
export function clientFor(
  sandbox: ZuoraSandbox,
  options: Partial<ZuoraClientOptions> = {},
): ZuoraClient {
  return new ZuoraClient({
    baseUrl: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    retryBaseDelayMs: 5,
    ...options,
  });
}

/** `METHOD path -> status` lines of the sandbox's request log, for compact assertions. */
export function traffic(sandbox: ZuoraSandbox): string[] {
  return sandbox.requests().map((r) => `${r.method} ${r.path} -> ${r.status ?? 'aborted'}`);
}
