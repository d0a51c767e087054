import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartLine, Tone } from './overview-charts';

// Canvas colours; the legend's swatches use the same ones through .swatch-<tone> in styles.css.
const TONE_COLOURS: Record<Tone, string> = {
  good: '#16a34a',
  bad: '#dc2626',
  neutral: '#64748b',
  info: '#2563eb',
  warn: '#d97706',
  accent: '#7c3aed',
};

const HEIGHT = 150;
const AXIS = { stroke: '#64748b', grid: { stroke: '#e2e8f0', width: 1 }, ticks: { show: false } };

function dataOf(times: number[], lines: ChartLine[]): uPlot.AlignedData {
  return [times, ...lines.map((line) => line.values)];
}

/**
 * A small time-series chart drawn by uPlot on a canvas. uPlot styles its elements through the
 * DOM (never inline markup), and its stylesheet is bundled, so the console's CSP holds.
 */
export function TimeChart({
  times,
  lines,
  unit,
  label,
}: {
  times: number[];
  lines: ChartLine[];
  unit: string;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const structure = lines.map((line) => line.label).join('|');

  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
        axes: [
          AXIS,
          { ...AXIS, size: 48, label: unit, labelSize: 14, labelFont: '11px system-ui' },
        ],
        series: [
          {},
          ...lines.map((line) => ({
            label: line.label,
            stroke: TONE_COLOURS[line.tone],
            width: 2,
            points: { size: 4 },
          })),
        ],
      },
      dataOf(times, lines),
      element,
    );
    chart.current = plot;
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // Made again only when its lines change; new numbers go through setData below.
  }, [structure, unit]);

  useEffect(() => {
    chart.current?.setData(dataOf(times, lines));
  }, [times, lines]);

  return <div class="chart-canvas" ref={host} role="img" aria-label={label} />;
}
