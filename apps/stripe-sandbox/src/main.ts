import { createStripeSandbox, STRIPE_SANDBOX_DEFAULT_PORT } from '@subsync/stripe-sandbox';

// Runs the Stripe sandbox as a process: port from STRIPE_SANDBOX_PORT (default 12111, like
// stripe-mock), 127.0.0.1, demo data. Stops cleanly on SIGINT/SIGTERM.

function readPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return STRIPE_SANDBOX_DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`STRIPE_SANDBOX_PORT must be an integer from 0 to 65535, got '${value}'`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const sandbox = await createStripeSandbox({
    port: readPort(process.env.STRIPE_SANDBOX_PORT),
    host: '127.0.0.1',
  });
  console.log(`stripe-sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('stripe-sandbox failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('stripe-sandbox failed to start', error);
  process.exit(1);
});
