import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApi } from '../api/api-context';
import { queryString } from '../api/query-string';
import { paths } from '../routes';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { usePagedList } from '../ui/use-paged-list';
import {
  eventListParams,
  type EventFilters,
  filtersFromQuery,
  filtersToParams,
  hasFilters,
} from './event-filters';
import { EventsFilterForm } from './events-filter-form';
import { EventsTable } from './events-table';
import { ListFoot } from '../ui/list-foot';

export function EventsPage() {
  const api = useApi();
  const { query, route } = useLocation();
  const key = queryString(filtersToParams(filtersFromQuery(query)));
  // One object per distinct filter set, so the form only resets when the URL really changed.
  const filters = useMemo(() => filtersFromQuery(query), [key]);
  const list = usePagedList(
    (cursor, signal) => api.listEvents(eventListParams(filters, cursor), signal),
    key,
  );
  const apply = (next: EventFilters) => {
    const nextKey = queryString(filtersToParams(next));
    // Applying the filters already shown still means "fetch again".
    if (nextKey === key) list.refresh();
    else route(`${paths.events}${nextKey}`);
  };

  return (
    <section>
      <div class="page-head">
        <h1>Events</h1>
        <button type="button" class="button" onClick={list.refresh} disabled={list.loading}>
          {list.loading && list.items.length > 0 ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p class="lede">
        Every sync leaves an event: what it changed, or why it failed or was skipped.
      </p>
      <EventsFilterForm filters={filters} onApply={apply} />
      {list.error !== undefined && <ErrorNotice error={list.error} />}
      {list.loading && list.items.length === 0 ? (
        <Loading what="events" />
      ) : list.items.length === 0 ? (
        list.error === undefined &&
        (hasFilters(filters) ? (
          <EmptyState title="No events match these filters">
            Widen the time range or set a filter back to “any”.
          </EmptyState>
        ) : (
          <EmptyState title="No events yet">
            A sync leaves one here: start one from a subscription’s page, a Zuora callout, or hot
            sync at login.
          </EmptyState>
        ))
      ) : (
        <>
          <EventsTable events={list.items} />
          <ListFoot list={list} />
        </>
      )}
    </section>
  );
}
