import { createZuoraSandbox } from '@subsync/zuora-sandbox';

// Runs the Zuora sandbox as a process: port from ZUORA_SANDBOX_PORT (default 4010), 127.0.0.1,
// demo data. Stops cleanly on SIGINT/SIGTERM.

const DEFAULT_PORT = 4010;

function readPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`ZUORA_SANDBOX_PORT must be an integer from 0 to 65535, got '${value}'`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const sandbox = await createZuoraSandbox({
    port: readPort(process.env.ZUORA_SANDBOX_PORT),
    host: '127.0.0.1',
  });
  console.log(`zuora-sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('zuora-sandbox failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('zuora-sandbox failed to start', error);
  process.exit(1);
});
