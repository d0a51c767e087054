import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from '../api/api-errors';
import type { Page } from '../api/api-types';

export interface PagedList<T> {
  items: T[];
  /** The first page is on its way (rows already shown stay until it arrives). */
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  refresh: () => void;
}

interface State<T> {
  key: string;
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error?: unknown;
}

/** A cursor-paged list: the first page per `key`, more on demand ("Load more"). */
export function usePagedList<T>(
  loadPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
  key: string,
): PagedList<T> {
  const initial: State<T> = { key, items: [], nextCursor: null, loading: true, loadingMore: false };
  const [state, setState] = useState<State<T>>(initial);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const controllerRef = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      loadRef.current(cursor, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((current) => ({
            key,
            items: cursor === null ? page.data : [...current.items, ...page.data],
            nextCursor: page.nextCursor,
            loading: false,
            loadingMore: false,
          }));
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          setState((current) => ({ ...current, loading: false, loadingMore: false, error }));
        },
      );
    },
    [key],
  );

  useEffect(() => {
    // A refresh keeps the rows on screen until the new first page replaces them.
    setState((current) =>
      current.key === key
        ? { ...current, loading: true, loadingMore: false, error: undefined }
        : { key, items: [], nextCursor: null, loading: true, loadingMore: false },
    );
    fetchPage(null);
    return () => controllerRef.current?.abort();
  }, [key, generation, fetchPage]);

  const loadMore = useCallback(() => {
    if (state.nextCursor === null) return;
    setState((current) => ({ ...current, loadingMore: true, error: undefined }));
    fetchPage(state.nextCursor);
  }, [state.nextCursor, fetchPage]);

  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  const current = state.key === key ? state : initial;
  return {
    items: current.items,
    loading: current.loading,
    loadingMore: current.loadingMore,
    error: current.error,
    hasMore: current.nextCursor !== null,
    loadMore,
    refresh,
  };
}
