import { loadConfigOrExit, readTracingConfig } from '@subsync/config';
import { markTracing } from './tracing-state';

let sdk: { shutdown(): Promise<void> } | undefined;

/**
 * Starts tracing for `service` when an OTLP endpoint is configured (see readTracingConfig), and
 * does nothing otherwise. It must run before the instrumented libraries (http, express, pg,
 * undici, pino) are first required, so each service's main.ts imports its tracing file first.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  const config = loadConfigOrExit(() => readTracingConfig(env, service));
  if (!config.enabled || sdk !== undefined) return;
  // Required here, not imported: with tracing off the SDK is never even loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startOtelSdk } = require('./otel-sdk') as typeof import('./otel-sdk');
  sdk = startOtelSdk(config.serviceName);
  markTracing(true);
}

/** Exports the spans still buffered; called on shutdown. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  markTracing(false);
  await running?.shutdown();
}
