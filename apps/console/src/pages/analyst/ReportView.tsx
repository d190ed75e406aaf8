import { useEffect, useRef, useState } from 'preact/hooks';
import { FormStatus } from '../../components/FormStatus';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import { useSubmit } from '../../components/use-submit';
import { DataTable } from './DataTable';
import { ReportParams, downloadCsv, loadReport } from './csv';
import type { Answer, ReportDef } from './reports';

/** The query of a report as the page's address holds it: only what the analyst chose. */
export function reportParams(def: ReportDef, query: URLSearchParams): ReportParams {
  const params: ReportParams = {};
  const keys = def.kind === 'snapshot' ? ['date'] : ['from', 'to'];
  for (const key of keys) if (query.get(key)) params[key] = query.get(key)!;
  if (query.get('employee')) params.employeeId = query.get('employee')!;
  if (def.changedOnly && query.get('changed') === '1') params.changedOnly = 'true';
  return params;
}

/**
 * One report: its period or day (the API's default until one is picked), the chart, the table and
 * the CSV of the same query. Picking changes the page's address, so a report can be bookmarked.
 */
export function ReportView(props: {
  def: ReportDef;
  query: URLSearchParams;
  go: (next: URLSearchParams) => void;
}) {
  const { def } = props;
  const params = reportParams(def, props.query);
  const key = JSON.stringify(params);
  const report = useLoad(() => loadReport<Answer>(def.path, params), [def.path, key]);
  const answer = report.data;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState('');
  const [employee, setEmployee] = useState(params.employeeId ?? '');
  // the pickers show the period the API answered for (its defaults included), unless the analyst
  // has typed into them for this very query meanwhile: a late answer must not overwrite their pick.
  // A ref, not state: the effect may run after a keystroke that followed the answer's render.
  const shown = `${def.path}?${key}`;
  const typedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!answer || typedFor.current === shown) return;
    setFrom(String(answer.from ?? ''));
    setTo(String(answer.to ?? ''));
    setDate(String(answer.date ?? ''));
  }, [answer]);
  const picked = (set: (value: string) => void) => (event: { currentTarget: HTMLInputElement }) => {
    typedFor.current = shown;
    set(event.currentTarget.value);
  };
  const csv = useSubmit([]);
  const apply = (event: Event) => {
    event.preventDefault();
    const next = new URLSearchParams({ report: def.id });
    if (def.kind === 'snapshot') {
      if (date) next.set('date', date);
    } else {
      if (from) next.set('from', from);
      if (to) next.set('to', to);
    }
    if (employee.trim()) next.set('employee', employee.trim());
    if (def.changedOnly && props.query.get('changed') === '1') next.set('changed', '1');
    props.go(next);
  };
  const rows = answer ? def.rows(answer) : [];
  return (
    <section aria-labelledby="report-title" class="report-view">
      <h2 id="report-title">{def.title}</h2>
      <form class="toolbar" aria-label="Параметры отчёта" onSubmit={apply}>
        {def.kind === 'snapshot' ? (
          <div class="field">
            <label for="report-date">На дату</label>
            <input id="report-date" type="date" value={date} onInput={picked(setDate)} />
          </div>
        ) : (
          <>
            <div class="field">
              <label for="report-from">С</label>
              <input id="report-from" type="date" value={from} onInput={picked(setFrom)} />
            </div>
            <div class="field">
              <label for="report-to">По</label>
              <input id="report-to" type="date" value={to} onInput={picked(setTo)} />
            </div>
          </>
        )}
        <div class="field">
          <label for="report-employee">Сотрудник</label>
          <input
            id="report-employee"
            value={employee}
            placeholder="все"
            onInput={(e) => setEmployee(e.currentTarget.value)}
          />
        </div>
        {def.changedOnly && (
          <label class="check">
            <input
              type="checkbox"
              checked={props.query.get('changed') === '1'}
              onChange={(e) => {
                const next = new URLSearchParams(props.query);
                if (e.currentTarget.checked) next.set('changed', '1');
                else next.delete('changed');
                props.go(next);
              }}
            />
            Только клиенты со сменой сегмента
          </label>
        )}
        <button type="submit">Показать</button>
        <button
          type="button"
          disabled={csv.busy}
          onClick={() =>
            void csv.submit(async () => `Скачан файл ${await downloadCsv(def.path, params, def.id)}.`)
          }
        >
          Скачать CSV
        </button>
      </form>
      <FormStatus state={csv} />
      <Loading error={report.error} loading={report.loading && !answer}>
        {answer && (
          <>
            {def.chart?.(answer)}
            {def.custom ? def.custom(answer) : <DataTable caption={def.title} rows={rows} />}
          </>
        )}
      </Loading>
    </section>
  );
}
