import { useEffect, useRef } from 'preact/hooks';

export const POLL_INTERVAL_MS = 1000;
export const POLL_LIMIT_MS = 60_000;

/**
 * Reloads every second while the event is queued, for at most a minute after it was opened:
 * a replay or a sync answered 202 finishes on its own, and the page should show it.
 * Returns whether it is still polling.
 */
export function usePollWhileQueued(
  eventId: string,
  status: string | undefined,
  reload: () => void,
  tick: unknown,
): boolean {
  const opened = useRef({ eventId, at: Date.now() });
  if (opened.current.eventId !== eventId) opened.current = { eventId, at: Date.now() };
  const withinLimit = Date.now() - opened.current.at < POLL_LIMIT_MS;
  const polling = status === 'queued' && withinLimit;

  useEffect(() => {
    if (!polling) return undefined;
    const timer = setTimeout(reload, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
    // `tick` (the latest answer) re-arms the timer after every reload.
  }, [polling, reload, tick]);

  return polling;
}
