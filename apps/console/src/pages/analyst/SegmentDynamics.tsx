import { LineChart } from '../../components/charts/LineChart';
import type { Answer } from './reports';

interface SegmentAnswer {
  weeks: string[];
  clients: Array<{ clientId: string; kppId: string; segments: Array<string | null> }>;
  index: Array<{ employeeId: string; values: Array<number | null> }>;
  groupIndex: Array<number | null>;
}

/** The loyalty segments of [000], by colour; the letter keeps the table readable without colour. */
const SEGMENTS: Record<string, { name: string; letter: string }> = {
  red: { name: 'красный', letter: 'К' },
  yellow: { name: 'жёлтый', letter: 'Ж' },
  blue: { name: 'синий', letter: 'С' },
  green: { name: 'зелёный', letter: 'З' },
};
const LINE_COLORS = ['#1f5fbf', '#c26a00', '#1e7a3c', '#7a3cc2', '#b3261e', '#00838f'];

/** `2026-04-06` → `06.04` */
const short = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;

/**
 * «Оценка динамики сегментов» [000]: clients × weeks coloured by segment, and the index line per
 * КПП and for the whole РИЦ (the API computes both; the console only draws them).
 */
export function SegmentDynamics(props: { answer: Answer }) {
  const a = props.answer as unknown as SegmentAnswer;
  const labels = a.weeks.map(short);
  return (
    <>
      <LineChart
        title="Индекс сегментов по неделям"
        labels={labels}
        series={[
          { name: 'РИЦ', color: '#1d2330', values: a.groupIndex },
          ...a.index.map((s, i) => ({
            name: s.employeeId,
            color: LINE_COLORS[i % LINE_COLORS.length]!,
            values: s.values,
          })),
        ]}
      />
      <ul class="legend segment-legend" aria-label="Сегменты">
        {Object.entries(SEGMENTS).map(([code, s]) => (
          <li key={code}>
            <span class={`segment segment-${code}`}>{s.letter}</span> {s.name}
          </li>
        ))}
      </ul>
      <div class="table-wrap">
        <table class="report segments">
          <caption>Сегменты клиентов по неделям (неделя с понедельника)</caption>
          <thead>
            <tr>
              <th scope="col">Клиент</th>
              <th scope="col">КПП</th>
              {a.weeks.map((w) => (
                <th scope="col" key={w} title={w}>
                  {short(w)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {a.clients.map((c) => (
              <tr key={c.clientId}>
                <th scope="row">{c.clientId}</th>
                <td>{c.kppId}</td>
                {c.segments.map((s, i) => (
                  <td
                    key={a.weeks[i]}
                    class={s ? `segment segment-${s}` : 'segment'}
                    title={s ? SEGMENTS[s]?.name : 'нет данных'}
                  >
                    {s ? (SEGMENTS[s]?.letter ?? s) : '—'}
                  </td>
                ))}
              </tr>
            ))}
            {a.clients.length === 0 && (
              <tr>
                <td colSpan={a.weeks.length + 2}>Нет данных за период.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
