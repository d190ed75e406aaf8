import { label } from '../../components/labels';
import { column, valueLabel } from './columns';
import { Cell, flatten } from './flatten';

const show = (value: Cell): string => {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'number') return value.toLocaleString('ru-RU');
  return valueLabel(value) ?? label(value);
};

/** A report's items as a table: one row per item, the columns of its CSV, headed in Russian. */
export function DataTable(props: { caption: string; rows: Array<Record<string, unknown>> }) {
  const rows = props.rows.map((r) => flatten(r));
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (rows.length === 0) return <p class="muted">Нет данных за период.</p>;
  return (
    <div class="table-wrap">
      <table class="report">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c} title={c}>
                {column(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} class={typeof r[c] === 'number' ? 'number' : undefined}>
                  {show(r[c] ?? null)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
