import { useEffect } from 'preact/hooks';

/**
 * Calls `reload` `intervalMs` after each answer while `active`: `tick` (the latest answer)
 * re-arms the timer, so a slow gateway is never asked twice at once.
 */
export function useReloadEvery(
  active: boolean,
  intervalMs: number,
  reload: () => void,
  tick: unknown,
): void {
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(reload, intervalMs);
    return () => clearTimeout(timer);
  }, [active, intervalMs, reload, tick]);
}
