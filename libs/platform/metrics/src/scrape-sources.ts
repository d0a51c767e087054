/**
 * Readings that are taken when Prometheus scrapes, not on the hot path: each source is asked
 * then, and a source that fails or is slow is left out of that scrape (its gauge goes absent
 * rather than stale).
 */
export class ScrapeSources<T> {
  private readonly sources = new Set<() => Promise<T[]> | T[]>();

  /** Adds a source; the returned function removes it (when its consumer or relay stops). */
  add(source: () => Promise<T[]> | T[]): () => void {
    this.sources.add(source);
    return () => this.sources.delete(source);
  }

  async read(timeoutMs = 2_000): Promise<T[]> {
    const readings = await Promise.all(
      [...this.sources].map((source) => withTimeout(Promise.resolve().then(source), timeoutMs)),
    );
    return readings.flat();
  }
}

async function withTimeout<T>(reading: Promise<T[]>, ms: number): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ms);
  });
  try {
    return await Promise.race([reading.catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
