import { useApi } from '../api/api-context';
import type { BackfillJob } from '../api/api-types';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { StatusPill } from '../ui/status-pill';
import { useReloadEvery } from '../ui/use-reload-every';
import { useResource } from '../ui/use-resource';
import { BackfillProgressBar } from './backfill-progress-bar';
import { describeFilter, formatThroughput, isLive, timeLeftOf } from './backfill-progress';
import { StartBackfillForm } from './start-backfill-form';

export const BACKFILL_POLL_MS = 1500;
const NUMBER_COLUMNS = ['Succeeded', 'Failed', 'Skipped', 'Throughput', 'Time left'];

export function BackfillsPage() {
  const api = useApi();
  const jobs = useResource((signal) => api.listBackfills(signal), 'backfills');
  const list = jobs.data?.data ?? [];
  // A failed answer re-arms the timer too, so a gateway restart is ridden out.
  useReloadEvery(list.some(isLive), BACKFILL_POLL_MS, jobs.reload, jobs.data ?? jobs.error);

  return (
    <section>
      <div class="page-head">
        <h1>Backfills</h1>
        <button type="button" class="button" onClick={jobs.reload} disabled={jobs.loading}>
          Refresh
        </button>
      </div>
      <p class="lede">
        A backfill lists a provider’s subscriptions and syncs each one; a running job’s progress
        updates here every couple of seconds.
      </p>
      <StartBackfillForm />
      {jobs.error !== undefined && <ErrorNotice error={jobs.error} />}
      {jobs.data === undefined ? (
        jobs.error === undefined && <Loading what="backfills" />
      ) : list.length === 0 ? (
        <EmptyState title="No backfills yet">
          Start one above, with <code>npm run backfill</code>, or with{' '}
          <code>POST /api/backfills</code>.
        </EmptyState>
      ) : (
        <BackfillsTable jobs={list} />
      )}
    </section>
  );
}

function BackfillsTable({ jobs }: { jobs: BackfillJob[] }) {
  return (
    <div class="table-wrap">
      <table class="data-table backfills-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Job</th>
            <th scope="col">Provider, filter</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            {NUMBER_COLUMNS.map((name) => (
              <th key={name} scope="col" class="num">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr
              key={job.id}
              data-testid="backfill-row"
              data-backfill-id={job.id}
              data-status={job.status}
            >
              <td class="nowrap">
                <Instant value={job.createdAt} />
              </td>
              <td>
                <a class="id-clip" href={paths.backfill(job.id)} title={job.id}>
                  {job.id}
                </a>
              </td>
              <td>
                {job.provider}
                <div class="small muted">{describeFilter(job.filter)}</div>
              </td>
              <td>
                <StatusPill status={job.status} />
              </td>
              <td>
                <BackfillProgressBar job={job} />
              </td>
              <td class="num" data-testid="count-succeeded">
                {job.counts.succeeded}
              </td>
              <td class="num" data-testid="count-failed">
                {job.counts.failed}
              </td>
              <td class="num" data-testid="count-skipped">
                {job.counts.skipped}
              </td>
              <td class="num nowrap">{formatThroughput(job.throughputPerSecond)}</td>
              <td class="num nowrap">{timeLeftOf(job)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
