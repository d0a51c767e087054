import type { LoggerService } from '@nestjs/common';
import { stopTracing } from '@subsync/tracing';

/**
 * SIGTERM/SIGINT close the app (the Kafka server drains its messages, the relay publishes what
 * committed, the pool closes), export the spans still buffered, and then exit with 0; a failed
 * close exits with 1.
 */
export function closeOnSignals(app: { close(): Promise<void> }, logger: LoggerService): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing work in flight, then stopping`);
    app.close().then(
      async () => {
        await stopTracing().catch(() => undefined);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
