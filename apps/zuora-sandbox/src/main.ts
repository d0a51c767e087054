import { loadConfigOrExit, optionalInt } from '@subsync/config';
import { closeOnSignals } from '@subsync/messaging';
import { createZuoraSandbox, ZUORA_SANDBOX_DEFAULT_PORT } from '@subsync/zuora-sandbox';

// Runs the Zuora sandbox as a process on 127.0.0.1 with demo data: port from ZUORA_SANDBOX_PORT.
// Stops cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const port = loadConfigOrExit(() =>
    optionalInt(process.env, 'ZUORA_SANDBOX_PORT', ZUORA_SANDBOX_DEFAULT_PORT, {
      min: 0,
      max: 65_535,
    }),
  );
  const sandbox = await createZuoraSandbox({ port, host: '127.0.0.1' });
  closeOnSignals(sandbox, console);
  console.log(`zuora-sandbox listening on ${sandbox.url}`);
}

main().catch((error: unknown) => {
  console.error('zuora-sandbox failed to start', error);
  process.exit(1);
});
