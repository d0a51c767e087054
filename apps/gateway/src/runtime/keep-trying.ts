/**
 * Runs `start` until it succeeds or `signal` aborts, waiting longer after each failure (up to
 * 10 s). For parts of the gateway that must not hold up HTTP while Kafka is unreachable.
 */
export async function keepTrying(
  start: () => Promise<void>,
  signal: AbortSignal,
  onFailure: (reason: string) => void,
): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    try {
      await start();
      return;
    } catch (error) {
      if (signal.aborted) return;
      onFailure(error instanceof Error ? error.message : String(error));
      const delay = Math.min(10_000, 500 * 2 ** attempt);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
