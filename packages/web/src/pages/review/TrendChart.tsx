import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 240;

/** Scores over time (oldest first), drawn by uPlot at the width of its box. */
export function TrendChart({ times, scores, label, seriesLabel, timeLabel }: { times: number[]; scores: number[]; label: string; seriesLabel: string; timeLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = new uPlot({
      width: element.clientWidth,
      height: HEIGHT,
      scales: { y: { range: [0, 100] } },
      series: [{ label: timeLabel }, { label: seriesLabel, stroke: '#4f46e5', width: 2, points: { size: 7 } }],
      axes: [{}, { values: (_, ticks) => ticks.map(String) }],
    }, [times, scores], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, scores, seriesLabel, timeLabel]);
  return <div ref={box} className="review-trend" role="img" aria-label={label} />;
}
