import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 220;
const COLOURS = ['#4f46e5', '#16a34a', '#dc2626', '#d97706'];

type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** uPlot in React: made on mount (and when its options change), fed new data in place, sized with its box, destroyed on unmount. */
function UPlot({ options, data }: { options: ChartOptions; data: uPlot.AlignedData }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  useEffect(() => {
    latest.current = data;
    chart.current?.setData(data);
  }, [data]);
  useEffect(() => {
    const target = box.current!;
    const made = new uPlot({ ...options, width: target.clientWidth, height: HEIGHT }, latest.current, target);
    chart.current = made;
    const resize = new ResizeObserver(() => made.setSize({ width: target.clientWidth, height: HEIGHT }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      made.destroy();
      chart.current = null;
    };
  }, [options]);
  return <div ref={box} className="enterprise-chart" aria-hidden="true" />;
}

export interface Series {
  label: string;
  values: number[];
}

/**
 * A chart with its numbers: the caption names it, the table is its text alternative (for screen readers, and for exact
 * figures). A long table (one row a day) is left to screen readers.
 */
function Figure({ title, children, headers, rows, tableHidden = false }: { title: string; children: ReactNode; headers: string[]; rows: string[][]; tableHidden?: boolean }) {
  return (
    <figure className="enterprise-figure">
      <figcaption>{title}</figcaption>
      {children}
      <table className={tableHidden ? 'sr-only' : 'table enterprise-data'}>
        <caption className="sr-only">{title}</caption>
        <thead><tr>{headers.map((header) => <th key={header} scope="col">{header}</th>)}</tr></thead>
        <tbody>
          {rows.map((cells, row) => (
            <tr key={row}>{cells.map((cell, column) => (column === 0 ? <th key={column} scope="row">{cell}</th> : <td key={column}>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The latest formatter, so a new function each render does not rebuild the chart. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}

/** Tick steps of whole numbers (1, 2, 5, 10, 20 …): counts get no fractional ticks. */
const WHOLE_STEPS = Array.from({ length: 13 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();
const DAY_SECONDS = 86_400;
const dayLabel = (seconds: number) => new Date(seconds * 1000).toISOString().slice(5, 10);

const fromZero: uPlot.Range.Function = (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1];

/** One measure of categories (providers, projects, agents, stages) as bars. */
export function BarChart({ title, label, categories, values, format, wholeNumbers = false }: {
  title: string;
  label: string;
  categories: string[];
  values: number[];
  format: (value: number) => string;
  wholeNumbers?: boolean;
}) {
  const formatter = useLatest(format);
  const names = useLatest(categories);
  const count = categories.length;
  const options = useMemo<ChartOptions>(() => ({
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, count - 0.5] }, y: { range: fromZero } },
    axes: [
      {
        splits: () => Array.from({ length: count }, (_, index) => index),
        values: (_chart, splits) => splits.map((index) => names.current[index] ?? ''),
        // Many long names would overlap side by side.
        ...(count > 4 ? { rotate: -30, size: 110 } : {}),
        gap: 6,
      },
      { values: (_chart, splits) => splits.map((value) => formatter.current(value)), size: 76, ...(wholeNumbers ? { incrs: WHOLE_STEPS } : {}) },
    ],
    series: [{}, { label, stroke: COLOURS[0], fill: `${COLOURS[0]}cc`, paths: uPlot.paths.bars!({ size: [0.6, 72] }), points: { show: false } }],
  }), [count, label, names, formatter, wholeNumbers]);
  const data = useMemo<uPlot.AlignedData>(() => [categories.map((_, index) => index), values], [categories, values]);
  return (
    <Figure title={title} headers={['', label]} rows={categories.map((category, row) => [category, format(values[row] ?? 0)])}>
      <UPlot options={options} data={data} />
    </Figure>
  );
}

export interface DailySeries extends Series {
  format: (value: number) => string;
  /** Drawn against a second axis on the right (a measure of another size, e.g. cost beside tokens). */
  right?: boolean;
}

/** Daily figures (`YYYY-MM-DD` dates) as lines, one per series. */
export function DailyChart({ title, dateLabel, dates, series, wholeNumbers = false }: {
  title: string;
  dateLabel: string;
  dates: string[];
  series: DailySeries[];
  /** The left axis counts (runs, tokens): whole-number ticks. */
  wholeNumbers?: boolean;
}) {
  const formats = useLatest(series.map((one) => one.format));
  const shape = JSON.stringify(series.map((one) => [one.label, one.right === true]));
  const options = useMemo<ChartOptions>(() => {
    const lines = JSON.parse(shape) as Array<[string, boolean]>;
    const rightIndex = lines.findIndex(([, right]) => right);
    const leftIndex = lines.findIndex(([, right]) => !right);
    const axisFormat = (index: number) => (_chart: uPlot, splits: number[]) => splits.map((value) => formats.current[index]!(value));
    return {
      legend: { show: true },
      // The dates are UTC days: one tick a day (or week, or month), labelled MM-DD.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: fromZero }, ...(rightIndex >= 0 ? { right: { range: fromZero } } : {}) },
      axes: [
        { incrs: [DAY_SECONDS, 7 * DAY_SECONDS, 30 * DAY_SECONDS], values: (_chart, splits) => splits.map(dayLabel) },
        { scale: 'y', values: axisFormat(Math.max(leftIndex, 0)), size: 76, ...(wholeNumbers ? { incrs: WHOLE_STEPS } : {}) },
        ...(rightIndex >= 0 ? [{ scale: 'right', side: 1 as const, values: axisFormat(rightIndex), size: 96, grid: { show: false } }] : []),
      ],
      series: [{ label: dateLabel, value: (_chart: uPlot, seconds: number | null) => (seconds === null ? '—' : dayLabel(seconds)) }, ...lines.map(([label, right], index) => ({
        label,
        scale: right ? 'right' : 'y',
        stroke: COLOURS[index % COLOURS.length],
        width: 2,
        value: (_chart: uPlot, value: number | null) => (value === null ? '—' : formats.current[index]!(value)),
      }))],
    };
  }, [shape, formats, wholeNumbers, dateLabel]);
  const data = useMemo<uPlot.AlignedData>(() => [dates.map((date) => Date.parse(`${date}T00:00:00Z`) / 1000), ...series.map((one) => one.values)], [dates, series]);
  return (
    <Figure title={title} tableHidden headers={[dateLabel, ...series.map((one) => one.label)]} rows={dates.map((date, row) => [date, ...series.map((one) => one.format(one.values[row] ?? 0))])}>
      <UPlot options={options} data={data} />
    </Figure>
  );
}
