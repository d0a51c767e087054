// Test support, not a test (jest runs only `*.unit.spec.ts`); the `.spec.ts` suffix keeps it out
// of the build. The client's tests talk to the sandbox over real HTTP with the real SDK, which is
// the one place the stripe-client project depends on the sandbox.
import {
  createStripeSandbox,
  type SandboxRequestLogEntry,
  type StripeSandbox,
  type StripeSandboxOptions,
} from '@subsync/stripe-sandbox';
import type { StripeClientOptions } from '../stripe-client.options';
import { StripeApiError } from '../stripe-error';
import { StripeClient } from '../stripe.client';

export type { SandboxRequestLogEntry, StripeSandbox };

export function startSandbox(options: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  return createStripeSandbox({ port: 0, ...options });
}

/** A client for the sandbox with fast retries, so tests do not wait on backoff. */
export function clientFor(
  sandbox: StripeSandbox,
  options: Partial<StripeClientOptions> = {},
): StripeClient {
  return new StripeClient({
    apiKey: sandbox.apiKey,
    apiBase: sandbox.url,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 50,
    ...options,
  });
}

/** `METHOD path -> status` lines of the sandbox's request log, for compact assertions. */
export function traffic(sandbox: StripeSandbox): string[] {
  return sandbox.requests().map((r) => `${r.method} ${r.path} -> ${r.status ?? 'aborted'}`);
}

/** The StripeApiError a call fails with (fails the test if it succeeds or throws something else). */
export function failure(promise: Promise<unknown>): Promise<StripeApiError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!(error instanceof StripeApiError)) throw error;
      return error;
    },
  );
}
