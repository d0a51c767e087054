import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsRegistry } from './index';

// docs/grafana/subsync-dashboard.json queries the series by name and label; this keeps it true
// to the registry, so renaming a metric or a label fails here rather than on a blank panel.

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', 'docs', 'grafana', 'subsync-dashboard.json'),
    'utf8',
  ),
) as { panels: Panel[] };

const queries = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
);

const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;
/** Labels every series has (the service), or that histograms add (le). */
const COMMON_LABELS = ['service', 'le'];

/** The registered metric a queried series belongs to (`x_bucket` is histogram `x`'s). */
function metricOf(series: string) {
  return (
    metricsRegistry.getSingleMetric(series) ??
    metricsRegistry.getSingleMetric(series.replace(HISTOGRAM_SERIES, ''))
  );
}

function labelNamesOf(series: string): string[] {
  const metric = metricOf(series) as unknown as { labelNames?: string[] } | undefined;
  return [...(metric?.labelNames ?? []), ...COMMON_LABELS];
}

const seriesIn = (expr: string) => [...expr.matchAll(/\bsubsync_[a-z_]+/g)].map(([name]) => name);

describe('the Grafana dashboard', () => {
  it('has queries', () => {
    expect(queries.length).toBeGreaterThan(10);
  });

  it.each(queries)('$panel: queries only registered metrics ($expr)', ({ expr }) => {
    const unknown = seriesIn(expr).filter((series) => metricOf(series) === undefined);
    expect(unknown).toEqual([]);
  });

  it.each(queries)('$panel: groups and filters by labels those metrics have', ({ expr }) => {
    const known = new Set(seriesIn(expr).flatMap(labelNamesOf));
    const grouped = [...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap(([, list]) =>
      (list ?? '').split(',').map((label) => label.trim()),
    );
    const matched = [...expr.matchAll(/[{,]([a-z_]+)=~?"/g)].map(([, label]) => label ?? '');
    expect([...grouped, ...matched].filter((label) => !known.has(label))).toEqual([]);
  });

  it('shows every subsync metric', () => {
    const queried = new Set(queries.flatMap(({ expr }) => seriesIn(expr).map((s) => metricOf(s))));
    const shown = new Set(
      [...queried].map((metric) => (metric as { name?: string } | undefined)?.name),
    );
    const missing = metricsRegistry
      .getMetricsAsArray()
      .map((metric) => (metric as unknown as { name: string }).name)
      .filter((name) => name.startsWith('subsync_') && !shown.has(name));
    expect(missing).toEqual([]);
  });
});
