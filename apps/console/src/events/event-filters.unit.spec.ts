import { queryString } from '../api/query-string';
import { eventListParams, filtersFromQuery, filtersToParams, hasFilters } from './event-filters';

describe('event filters in the URL', () => {
  it('reads the filters from the query and treats a missing one as any', () => {
    const filters = filtersFromQuery({ status: 'failed', provider: 'zuora', page: '2' });

    expect(filters).toEqual({
      status: 'failed',
      type: '',
      provider: 'zuora',
      subscription: '',
      from: '',
      to: '',
    });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(filtersFromQuery({}))).toBe(false);
  });

  it('writes only the filters that are set, so a cleared view has a bare URL', () => {
    const filters = filtersFromQuery({ status: 'failed', subscription: ' sub-1 ', type: '' });

    expect(queryString(filtersToParams(filters))).toBe('?status=failed&subscription=sub-1');
    expect(queryString(filtersToParams(filtersFromQuery({})))).toBe('');
  });

  it('round-trips through the query string, instants included', () => {
    const filters = filtersFromQuery({
      type: 'hot-sync',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
    });
    const query = Object.fromEntries(new URLSearchParams(queryString(filtersToParams(filters))));

    expect(filtersFromQuery(query)).toEqual(filters);
  });

  it('asks the API for the next page with the cursor next to the filters', () => {
    const params = eventListParams(filtersFromQuery({ status: 'queued' }), 'abc');

    expect(queryString(params)).toBe('?status=queued&cursor=abc');
    expect(queryString(eventListParams(filtersFromQuery({}), null))).toBe('');
  });
});
