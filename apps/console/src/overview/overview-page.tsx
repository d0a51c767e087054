import { useEffect, useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useApi } from '../api/api-context';
import { queryString } from '../api/query-string';
import { paths } from '../routes';
import { Instant } from '../ui/instant';
import { EmptyState, ErrorNotice, Loading } from '../ui/notices';
import { useResource } from '../ui/use-resource';
import { DEFAULT_RANGE, overviewCharts, RANGES, rangeLabel } from './overview-charts';
import { TimeChart } from './time-chart';

const REFRESH_MS = 15_000;

export function OverviewPage() {
  const api = useApi();
  const { query, route } = useLocation();
  const asked = Number(query.minutes);
  const minutes = (RANGES as readonly number[]).includes(asked) ? asked : DEFAULT_RANGE;
  const overview = useResource((signal) => api.getOverview(minutes, signal), String(minutes));
  const { reload } = overview;

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const data = overview.data;
  const charts = useMemo(() => (data === undefined ? [] : overviewCharts(data)), [data]);

  return (
    <section>
      <div class="page-head">
        <h1>Overview</h1>
        <div class="range" role="group" aria-label="Range">
          {RANGES.map((range) => (
            <button
              key={range}
              type="button"
              class={range === minutes ? 'button button-primary' : 'button'}
              aria-pressed={range === minutes}
              onClick={() => route(`${paths.overview}${queryString({ minutes: String(range) })}`)}
            >
              {rangeLabel(range)}
            </button>
          ))}
        </div>
        <button type="button" class="button" onClick={reload} disabled={overview.loading}>
          Refresh
        </button>
      </div>
      <p class="lede">
        Every service&rsquo;s own numbers over the last {rangeLabel(minutes)}, summed over all its
        instances, one point per {data ? data.stepSeconds / 60 : 1} min. The page refreshes every{' '}
        {REFRESH_MS / 1000} s.
      </p>
      {overview.error !== undefined && <ErrorNotice error={overview.error} />}
      {data === undefined ? (
        overview.loading && <Loading what="the overview" />
      ) : data.reporting.length === 0 ? (
        <EmptyState title={`No numbers in the last ${rangeLabel(minutes)}`}>
          Each service stores what it did every few seconds (METRICS_SAMPLE_INTERVAL_MS); the charts
          appear once one has.
        </EmptyState>
      ) : (
        <>
          <p class="small muted" data-testid="reporting">
            Reporting:{' '}
            {data.reporting.map((entry, i) => (
              <span key={entry.service}>
                {i > 0 && ' · '}
                <span class="mono">{entry.service}</span> ({entry.processes}{' '}
                {entry.processes === 1 ? 'process' : 'processes'}, last{' '}
                <Instant value={entry.lastSampleAt} />)
              </span>
            ))}
          </p>
          <div class="charts">
            {charts.map((chart) => (
              <figure class="chart" key={chart.id} data-testid={`chart-${chart.id}`}>
                <figcaption class="chart-title">{chart.title}</figcaption>
                <TimeChart
                  times={data.times}
                  lines={chart.lines}
                  unit={chart.unit}
                  label={`${chart.title}: ${chart.lines.map((line) => `${line.label} ${line.figure}`).join(', ')}`}
                />
                <ul class="chart-legend">
                  {chart.lines.map((line) => (
                    <li key={line.label} data-testid="legend-line">
                      <span class={`swatch swatch-${line.tone}`} aria-hidden="true" />
                      <span class="legend-label">{line.label}</span>{' '}
                      <span class="legend-figure">{line.figure}</span>
                    </li>
                  ))}
                </ul>
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
