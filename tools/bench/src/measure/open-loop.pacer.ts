/**
 * When the i-th request (from 0) of an open loop is due, in ms after the start: requests are
 * spread evenly at `ratePerSecond`, whatever the answers do.
 */
export function dueAtMs(i: number, ratePerSecond: number): number {
  if (ratePerSecond <= 0) throw new RangeError(`rate must be positive (got ${ratePerSecond})`);
  return (i * 1000) / ratePerSecond;
}

/** How many requests are due `elapsedMs` after the start, of `total` in all. */
export function dueCount(elapsedMs: number, ratePerSecond: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * ratePerSecond) / 1000) + 1);
}
