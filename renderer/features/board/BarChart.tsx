import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatInt } from './format';

export interface BarSeries {
  label: string;
  values: number[];
  color: string;
}

interface Props {
  /** What the chart shows, for screen readers (the table beside it has the numbers). */
  title: string;
  labels: string[];
  series: BarSeries[];
  height?: number;
}

/**
 * Bars over categories (days, block codes) drawn by uPlot: ~50 kB, canvas, fast with a year of
 * days; the numbers themselves are in the table next to it (keyboard and screen readers).
 */
export function BarChart({ title, labels, series, height = 220 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const bars = uPlot.paths.bars!({ size: [series.length > 1 ? 0.8 : 0.6, 48], gap: 1 });
    const width = Math.max(280, element.clientWidth);
    const plot = new uPlot(
      {
        width,
        height,
        legend: { show: series.length > 1 },
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
          // Bars start at zero: a bar's height is its count.
          y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] },
        },
        axes: [
          {
            // One tick per category, thinned out when they do not fit (a year of days).
            incrs: [1, 2, 5, 7, 14, 30, 60],
            values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? (labels[tick] ?? '') : '')),
            space: 44,
            gap: 4,
            size: 36,
            font: '12px system-ui',
          },
          { values: (_u, ticks) => ticks.map((tick) => formatInt(tick)), size: 56, font: '12px system-ui' },
        ],
        series: [
          { value: (_u, index) => labels[Math.round(index)] ?? '' },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: `${s.color}cc`,
            width: 0,
            paths: bars,
            points: { show: false },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatInt(v)),
          })),
        ],
      },
      [labels.map((_, index) => index), ...series.map((s) => s.values)],
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [labels, series, height]);
  return <div ref={host} className="board-chart" role="img" aria-label={title} />;
}
