import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LineSeries {
  name: string;
  color: string;
  values: Array<number | null>;
}

/**
 * Lines over labelled points (weeks) drawn by uPlot on a canvas. The x axis is the point's number;
 * its labels are the given ones. A text summary stands for the canvas for screen readers.
 */
export function LineChart(props: { title: string; labels: string[]; series: LineSeries[]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const xs = props.labels.map((_, i) => i);
    const chart = new uPlot(
      {
        width: Math.max(480, Math.min(1000, box.current.clientWidth || 720)),
        height: props.height ?? 260,
        scales: { x: { time: false } },
        legend: { live: false },
        axes: [
          {
            values: (_u, splits) => splits.map((i) => props.labels[i] ?? ''),
            incrs: [1],
          },
          {},
        ],
        series: [
          { label: 'Неделя', value: (_u, i) => (i === null ? '' : (props.labels[i] ?? '')) },
          ...props.series.map((s) => ({ label: s.name, stroke: s.color, width: 2, points: { show: true } })),
        ],
      },
      [xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      box.current,
    );
    return () => chart.destroy();
  }, [props.labels.join(), JSON.stringify(props.series)]);
  const summary = props.series
    .map((s) => `${s.name}: ${s.values.map((v, i) => `${props.labels[i]} ${v ?? '—'}`).join(', ')}`)
    .join('; ');
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`${props.title}. ${summary}`} />
      <figcaption>
        <strong>{props.title}</strong>
      </figcaption>
    </figure>
  );
}
