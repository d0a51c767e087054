// The Events page's filters, kept in the URL query so a filtered view can be linked and reloaded.
// Pure: no DOM, unit-tested in event-filters.unit.spec.ts.
import type { QueryParams } from '../api/query-string';

/** `''` means "any". `from` and `to` are ISO-8601 instants, as the API takes them. */
export interface EventFilters {
  status: string;
  type: string;
  provider: string;
  subscription: string;
  from: string;
  to: string;
}

export const FILTER_NAMES = ['status', 'type', 'provider', 'subscription', 'from', 'to'] as const;

export const NO_FILTERS: EventFilters = {
  status: '',
  type: '',
  provider: '',
  subscription: '',
  from: '',
  to: '',
};

export function filtersFromQuery(
  query: Readonly<Record<string, string | undefined>>,
): EventFilters {
  const filters = { ...NO_FILTERS };
  for (const name of FILTER_NAMES) filters[name] = (query[name] ?? '').trim();
  return filters;
}

/** The filters as query params; blank ones are left out by `queryString`. */
export function filtersToParams(filters: EventFilters): QueryParams {
  return { ...filters };
}

export function hasFilters(filters: EventFilters): boolean {
  return FILTER_NAMES.some((name) => filters[name] !== '');
}

/** The API query for one page of the list. */
export function eventListParams(filters: EventFilters, cursor: string | null): QueryParams {
  return { ...filtersToParams(filters), cursor };
}
