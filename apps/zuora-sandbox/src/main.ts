import { loadConfigOrExit, optionalInt, optionalString } from '@subsync/config';
import { closeOnSignals } from '@subsync/runtime';
import {
  createZuoraSandbox,
  SANDBOX_DEFAULT_CONCURRENCY_LIMIT,
  ZUORA_SANDBOX_DEFAULT_PORT,
} from '@subsync/zuora-sandbox';

// Runs the Zuora sandbox as a process with demo data, on 127.0.0.1 or SANDBOX_HOST (0.0.0.0 in a container): port from ZUORA_SANDBOX_PORT,
// and a slow, limited tenant with ZUORA_SANDBOX_LATENCY_MS and ZUORA_SANDBOX_CONCURRENCY_LIMIT.
// SANDBOX_BULK_SUBSCRIPTIONS adds that many bulk subscriptions. Stops cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const { port, latencyMs, concurrencyLimit, bulk } = loadConfigOrExit(() => ({
    bulk: optionalInt(process.env, 'SANDBOX_BULK_SUBSCRIPTIONS', 0, { min: 0, max: 100_000 }),
    port: optionalInt(process.env, 'ZUORA_SANDBOX_PORT', ZUORA_SANDBOX_DEFAULT_PORT, {
      min: 0,
      max: 65_535,
    }),
    latencyMs: optionalInt(process.env, 'ZUORA_SANDBOX_LATENCY_MS', 0, { min: 0, max: 600_000 }),
    concurrencyLimit: optionalInt(
      process.env,
      'ZUORA_SANDBOX_CONCURRENCY_LIMIT',
      SANDBOX_DEFAULT_CONCURRENCY_LIMIT,
      { min: 1, max: 100_000 },
    ),
  }));
  const sandbox = await createZuoraSandbox({
    port,
    host: optionalString(process.env, 'SANDBOX_HOST') ?? '127.0.0.1',
    latencyMs,
    concurrencyLimit,
  });
  if (bulk > 0) sandbox.seedBulk({ subscriptions: bulk });
  closeOnSignals(sandbox, console);
  console.log(`zuora-sandbox listening on ${sandbox.url}`);
}

main().catch((error: unknown) => {
  console.error('zuora-sandbox failed to start', error);
  process.exit(1);
});
