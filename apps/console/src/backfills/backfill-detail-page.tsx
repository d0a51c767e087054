import { useEffect } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { useApi } from '../api/api-context';
import { isNotFound } from '../api/api-errors';
import type { BackfillJob } from '../api/api-types';
import { EventsTable } from '../events/events-table';
import { paths } from '../routes';
import { Dash } from '../ui/dash';
import { Instant } from '../ui/instant';
import { ListFoot } from '../ui/list-foot';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { StatusPill } from '../ui/status-pill';
import { usePagedList } from '../ui/use-paged-list';
import { useReloadEvery } from '../ui/use-reload-every';
import { useResource } from '../ui/use-resource';
import { BackfillActions } from './backfill-actions';
import { BackfillProgressBar } from './backfill-progress-bar';
import { describeFilter, formatThroughput, isLive, timeLeftOf } from './backfill-progress';
import { BACKFILL_POLL_MS } from './backfills-page';

export function BackfillDetailPage() {
  const api = useApi();
  const id = useRoute().params.id ?? '';
  const resource = useResource((signal) => api.getBackfill(id, signal), id);
  const job = resource.data;
  const live = job !== undefined && isLive(job);
  useReloadEvery(live, BACKFILL_POLL_MS, resource.reload, resource.data ?? resource.error);

  return (
    <section>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={paths.backfills}>Backfills</a> / <span class="mono">{id}</span>
      </nav>
      {resource.error !== undefined && (
        <ErrorNotice
          error={resource.error}
          title={isNotFound(resource.error) ? 'No such backfill:' : undefined}
        />
      )}
      {job === undefined ? (
        resource.error === undefined && <Loading what="the backfill" />
      ) : (
        <>
          <div class="page-head">
            <h1>
              Backfill <span class="mono title-id">{job.id}</span>
            </h1>
            <StatusPill status={job.status} />
            <span class="spacer" />
            <BackfillActions job={job} onChanged={resource.reload} />
          </div>
          {job.error !== null && (
            <div class="callout callout-error" role="alert">
              <strong>Failed:</strong> {job.error}
            </div>
          )}
          <BackfillProgressBar job={job} />
          <BackfillFacts job={job} />
          <BackfillFailures job={job} />
        </>
      )}
    </section>
  );
}

function BackfillFacts({ job }: { job: BackfillJob }) {
  const { counts } = job;
  return (
    <dl class="facts" data-testid="backfill-facts">
      <dt>Provider</dt>
      <dd>{job.provider}</dd>
      <dt>Filter</dt>
      <dd>{describeFilter(job.filter)}</dd>
      <dt>Listed</dt>
      <dd>
        {counts.listed}
        {job.listingDone ? ' (listing done)' : ' so far'}
      </dd>
      <dt>Queued</dt>
      <dd>{counts.queued}</dd>
      <dt>Succeeded</dt>
      <dd data-testid="count-succeeded">{counts.succeeded}</dd>
      <dt>Failed</dt>
      <dd data-testid="count-failed">{counts.failed}</dd>
      <dt>Skipped</dt>
      <dd data-testid="count-skipped">{counts.skipped}</dd>
      <dt>Pending</dt>
      <dd>{job.pending}</dd>
      <dt>Throughput</dt>
      <dd>{formatThroughput(job.throughputPerSecond)}</dd>
      <dt>Time left</dt>
      <dd>{timeLeftOf(job)}</dd>
      <dt>Started by</dt>
      <dd class="mono">{job.createdBy ?? <Dash />}</dd>
      <dt>Started</dt>
      <dd>
        <Instant value={job.createdAt} />
      </dd>
      <dt>Ended</dt>
      <dd>
        <Instant value={job.completedAt} />
      </dd>
    </dl>
  );
}

/** The job's failed syncs, each opening its Event, where it can be replayed. */
function BackfillFailures({ job }: { job: BackfillJob }) {
  const api = useApi();
  const failures = usePagedList(
    (cursor, signal) =>
      api.listEvents({ backfill: job.id, status: 'failed', cursor, limit: '50' }, signal),
    job.id,
  );
  const { refresh } = failures;
  // A new failure shows up without a click, and the rows on screen stay until it arrives.
  useEffect(() => {
    if (job.counts.failed > 0) refresh();
  }, [job.counts.failed, refresh]);

  return (
    <section aria-labelledby="failures-title">
      <h2 id="failures-title">Failures</h2>
      {failures.error !== undefined && <ErrorNotice error={failures.error} />}
      {failures.loading && failures.items.length === 0 ? (
        <Loading what="failures" />
      ) : failures.items.length === 0 ? (
        failures.error === undefined && (
          <EmptyState title="No failed syncs">
            A sync of this backfill that fails shows up here, with a link to its Event.
          </EmptyState>
        )
      ) : (
        <>
          <p class="hint">Open a failure’s Event to see why it failed, and to replay it.</p>
          <EventsTable events={failures.items} />
          <ListFoot list={failures} />
        </>
      )}
    </section>
  );
}
