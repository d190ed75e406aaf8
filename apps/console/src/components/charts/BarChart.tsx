/** One series of bars: a name for the legend and a colour. */
export interface BarSeries {
  name: string;
  color: string;
  values: Array<number | null>;
}

/** A tick step of 1, 2 or 5 × 10ⁿ near `raw`; whole numbers for counts. */
function niceStep(raw: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return whole ? Math.max(1, Math.round(step)) : step;
}

/**
 * Grouped vertical bars in SVG (no library needed for a handful of groups), with an optional
 * reference line (a norm). The figures themselves are in the table beside it; the chart has a
 * title and a text summary for screen readers.
 */
export function BarChart(props: {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** a horizontal line at this value, e.g. the norm */
  reference?: { value: number; label: string };
  format?: (value: number) => string;
}) {
  const { categories, series } = props;
  const format = props.format ?? ((v: number) => v.toLocaleString('ru-RU'));
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const highest = Math.max(1, ...values, props.reference?.value ?? 0);
  const step = niceStep(highest / 4, values.every(Number.isInteger));
  const top = Math.ceil((highest * 1.05) / step) * step;
  const width = Math.max(480, categories.length * (series.length * 22 + 24) + 60);
  const height = 260;
  const left = 48;
  const bottom = 40;
  const plot = height - bottom - 10;
  const group = (width - left - 10) / Math.max(categories.length, 1);
  const bar = Math.min(28, (group - 12) / Math.max(series.length, 1));
  const y = (v: number) => 10 + plot - (v / top) * plot;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const summary = categories
    .map((c, i) => `${c}: ${series.map((s) => `${s.name} ${s.values[i] ?? '—'}`).join(', ')}`)
    .join('; ');
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={`${props.title}. ${summary}`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {format(Math.round(t * 1000) / 1000)}
            </text>
          </g>
        ))}
        {categories.map((category, i) => (
          <g key={category}>
            {series.map((s, j) => {
              const v = s.values[i];
              if (v === null || v === undefined) return null;
              const x = left + i * group + 6 + j * bar;
              return (
                <rect
                  key={s.name}
                  class="bar"
                  x={x}
                  y={y(v)}
                  width={bar - 2}
                  height={y(0) - y(v)}
                  fill={s.color}
                >
                  <title>{`${category} — ${s.name}: ${format(v)}`}</title>
                </rect>
              );
            })}
            <text x={left + i * group + group / 2} y={height - bottom + 16} text-anchor="middle" class="tick">
              {category}
            </text>
          </g>
        ))}
        {props.reference && (
          <g>
            <line
              x1={left}
              x2={width - 10}
              y1={y(props.reference.value)}
              y2={y(props.reference.value)}
              class="reference"
            />
            <text x={width - 12} y={y(props.reference.value) - 4} text-anchor="end" class="tick">
              {props.reference.label}
            </text>
          </g>
        )}
      </svg>
      <figcaption>
        <strong>{props.title}</strong>
        <ul class="legend">
          {series.map((s) => (
            <li key={s.name}>
              <span class="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
