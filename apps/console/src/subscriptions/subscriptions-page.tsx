import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApi } from '../api/api-context';
import { queryString } from '../api/query-string';
import { formatDate } from '../format/format';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { StatusPill } from '../ui/status-pill';
import { usePagedList } from '../ui/use-paged-list';
import { ListFoot } from '../ui/list-foot';

export function SubscriptionsPage() {
  const api = useApi();
  const { query, route } = useLocation();
  const search = (query.search ?? '').trim();
  const list = usePagedList(
    (cursor, signal) => api.listSubscriptions({ search, cursor }, signal),
    search,
  );

  return (
    <section>
      <div class="page-head">
        <h1>Subscriptions</h1>
        <button type="button" class="button" onClick={list.refresh} disabled={list.loading}>
          Refresh
        </button>
      </div>
      <div class="toolbar">
        <SearchForm
          search={search}
          onSearch={(text) => route(`${paths.subscriptions}${queryString({ search: text })}`)}
        />
        <LookupForm onOpen={(id) => route(paths.subscription(id))} />
      </div>
      {list.error !== undefined && <ErrorNotice error={list.error} />}
      {list.loading && list.items.length === 0 ? (
        <Loading what="subscriptions" />
      ) : list.items.length === 0 ? (
        list.error === undefined &&
        (search === '' ? (
          <EmptyState title="No subscriptions yet">
            Subscriptions appear once a sync has imported them. Open one by its Zuora number or
            Stripe id above and sync it.
          </EmptyState>
        ) : (
          <EmptyState title={`No subscriptions match “${search}”`}>
            Try another reference, customer name or email, or open the subscription by its id.
          </EmptyState>
        ))
      ) : (
        <>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Status</th>
                  <th scope="col">Source</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Term end</th>
                  <th scope="col">Last synced</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((sub) => (
                  <tr key={sub.id} data-testid="subscription-row" data-subscription-id={sub.id}>
                    <td>
                      <a href={paths.subscription(sub.id)}>{sub.reference}</a>
                      <div class="sub-id mono">{sub.id}</div>
                    </td>
                    <td>
                      <StatusPill status={sub.status} />
                    </td>
                    <td>{sub.source}</td>
                    <td>
                      {sub.customer === null ? (
                        <span class="muted">—</span>
                      ) : (
                        <>
                          {sub.customer.name}
                          <div class="muted small">{sub.customer.email}</div>
                        </>
                      )}
                    </td>
                    <td class="nowrap">{formatDate(sub.termEnd)}</td>
                    <td class="nowrap">
                      <Instant value={sub.lastSyncedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFoot list={list} />
        </>
      )}
    </section>
  );
}

function SearchForm({ search, onSearch }: { search: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  return (
    <form
      class="inline-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label for="subscription-search">Search</label>
      <input
        id="subscription-search"
        type="search"
        placeholder="Reference, customer, email…"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" class="button">
        Search
      </button>
    </form>
  );
}

/** Opens a subscription by any id the gateway resolves: sub-…, reference, A-S…, sub_…. */
function LookupForm({ onOpen }: { onOpen: (id: string) => void }) {
  const [id, setId] = useState('');
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (id.trim() !== '') onOpen(id.trim());
      }}
    >
      <label for="subscription-lookup">Open by id</label>
      <input
        id="subscription-lookup"
        type="text"
        spellcheck={false}
        placeholder="sub-…, reference, A-S…, sub_…"
        value={id}
        onInput={(event) => setId(event.currentTarget.value)}
      />
      <button type="submit" class="button">
        Open
      </button>
    </form>
  );
}
