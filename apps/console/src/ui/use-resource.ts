import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/api-errors';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping what is shown until the answer arrives. */
  reload: () => void;
}

interface State<T> {
  key: string;
  data?: T;
  error?: unknown;
  loading: boolean;
}

/** Loads `key`'s data, abandoning the request when the key changes or the page goes away. */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): Resource<T> {
  const [state, setState] = useState<State<T>>({ key, loading: true });
  const [generation, setGeneration] = useState(0);
  // The latest closure, so callers need not memoise `load`; `key` says when to fetch.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((current) =>
      current.key === key ? { ...current, loading: true } : { key, loading: true },
    );
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((current) => ({
          key,
          data: current.key === key ? current.data : undefined,
          error,
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  // Another key's data is never shown, even for the render before the effect runs.
  if (state.key !== key) return { data: undefined, error: undefined, loading: true, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
