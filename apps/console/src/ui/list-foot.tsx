import type { PagedList } from './use-paged-list';

/** Under a paged table: how many rows are shown, and "Load more" while there are more. */
export function ListFoot<T>({ list }: { list: PagedList<T> }) {
  return (
    <div class="list-foot">
      <span class="muted">{list.items.length} shown</span>
      {list.hasMore && (
        <button type="button" class="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
