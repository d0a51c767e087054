/** Where the shutdown is told: Nest's logger or `console`. */
export interface ShutdownLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * SIGTERM/SIGINT close the app (the Kafka server drains its messages, the relay publishes what
 * committed, the pool closes), then run `afterClose` (a service exports the spans still
 * buffered; its failure does not change the exit code), and exit with 0; a failed close exits
 * with 1.
 */
export function closeOnSignals(
  app: { close(): Promise<void> },
  logger: ShutdownLogger,
  afterClose: () => Promise<void> = () => Promise.resolve(),
): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing work in flight, then stopping`);
    app.close().then(
      async () => {
        await afterClose().catch(() => undefined);
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
