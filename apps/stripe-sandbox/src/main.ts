import { loadConfigOrExit, optionalInt, optionalString } from '@subsync/config';
import { closeOnSignals } from '@subsync/runtime';
import { createStripeSandbox, STRIPE_SANDBOX_DEFAULT_PORT } from '@subsync/stripe-sandbox';

// Runs the Stripe sandbox as a process with demo data, on 127.0.0.1 or SANDBOX_HOST (0.0.0.0 in a container): port from STRIPE_SANDBOX_PORT.
// SANDBOX_BULK_SUBSCRIPTIONS adds that many bulk subscriptions. Stops cleanly on SIGINT/SIGTERM.

async function main(): Promise<void> {
  const { port, bulk } = loadConfigOrExit(() => ({
    port: optionalInt(process.env, 'STRIPE_SANDBOX_PORT', STRIPE_SANDBOX_DEFAULT_PORT, {
      min: 0,
      max: 65_535,
    }),
    bulk: optionalInt(process.env, 'SANDBOX_BULK_SUBSCRIPTIONS', 0, { min: 0, max: 100_000 }),
  }));
  const sandbox = await createStripeSandbox({
    port,
    host: optionalString(process.env, 'SANDBOX_HOST') ?? '127.0.0.1',
  });
  if (bulk > 0) sandbox.seedBulk({ subscriptions: bulk });
  closeOnSignals(sandbox, console);
  console.log(`stripe-sandbox listening on ${sandbox.url}`);
}

main().catch((error: unknown) => {
  console.error('stripe-sandbox failed to start', error);
  process.exit(1);
});
