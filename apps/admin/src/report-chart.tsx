import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartData,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only the pieces the bar charts use, so that the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Colours for the series, readable on the page's paper and apart for common colour blindness. */
export const SERIES_COLOURS = ['#1f6f8b', '#e0823d', '#6a4c93', '#3c9d5d', '#c0392b', '#8c8c8c'];

/**
 * A bar chart drawn by chart.js on a canvas, redrawn when its data changes. `label` names it for
 * screen readers (the table beside it carries the same figures).
 */
export function BarChart(props: {
  testId: string;
  label: string;
  data: ChartData<'bar', number[], string>;
  stacked?: boolean;
  formatValue?: (value: number) => string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { data, stacked = false, formatValue } = props;
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        datasets: { bar: { maxBarThickness: 64 } },
        scales: {
          x: { stacked },
          y: {
            stacked,
            beginAtZero: true,
            ticks: formatValue ? { callback: (value) => formatValue(Number(value)) } : {},
          },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: formatValue
            ? { callbacks: { label: (item) => `${item.dataset.label}: ${formatValue(Number(item.raw))}` } }
            : {},
        },
      },
    });
    return () => chart.destroy();
  }, [data, stacked, formatValue]);
  const empty = data.datasets.every((series) => series.data.every((value) => !value));
  return (
    <div class="chart-box">
      <canvas ref={canvas} data-testid={props.testId} role="img" aria-label={props.label} />
      {empty && <p class="chart-empty muted">Nothing to chart for these days and stores.</p>}
    </div>
  );
}
