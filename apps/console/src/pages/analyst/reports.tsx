import type { ComponentChildren } from 'preact';
import { BarChart } from '../../components/charts/BarChart';
import { label } from '../../components/labels';
import { SegmentDynamics } from './SegmentDynamics';

/** A report's JSON answer as the API shapes it (API.md "Reports"); each definition reads its part. */
export type Answer = Record<string, unknown>;
type Item = Record<string, unknown>;

export interface ReportDef {
  id: string;
  title: string;
  /** the API path; CSV is the same path and query with `format=csv` */
  path: string;
  /** a period (`from`, `to`), a day (`date`), or an optional period with no default */
  kind: 'period' | 'snapshot' | 'optional-period';
  /** the rows of the table: the items the CSV has, one per row */
  rows: (answer: Answer) => Item[];
  chart?: (answer: Answer) => ComponentChildren;
  /** offers «only clients whose segment changed» (`changedOnly=true`) */
  changedOnly?: boolean;
  /** the report draws its own table (segment dynamics) */
  custom?: (answer: Answer) => ComponentChildren;
}

const items = (key: string) => (answer: Answer) => (answer[key] as Item[] | undefined) ?? [];
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const COLORS = { blue: '#1f5fbf', green: '#1e7a3c', orange: '#c26a00', red: '#b3261e', grey: '#7b8494' };

/** The totals of the funnel answer, shown as its first row as in its CSV. */
const FUNNEL = [
  'dials',
  'connected',
  'over4min',
  'connectedShare',
  'over4minShareOfDials',
  'over4minShareOfConnected',
  'avgOver4minSec',
  'avg1to4minSec',
];

/** The reports of SPEC §5 and the seeds: the first five with a chart, the rest as tables. */
export const REPORTS: ReportDef[] = [
  {
    id: 'call-funnel',
    title: 'Воронка звонков',
    path: '/api/v1/reports/call-funnel',
    kind: 'period',
    rows: (a) => [
      { employeeId: 'Итого', ...Object.fromEntries(Object.entries(a).filter(([k]) => FUNNEL.includes(k))) },
      ...items('byEmployee')(a),
    ],
    chart: (a) => {
      const rows = items('byEmployee')(a);
      return (
        <BarChart
          title="Наборы → дозвоны → более 4 минут по сотрудникам"
          categories={rows.map((r) => String(r.employeeId))}
          series={[
            { name: 'Наборы', color: COLORS.grey, values: rows.map((r) => num(r.dials)) },
            { name: 'Дозвоны', color: COLORS.blue, values: rows.map((r) => num(r.connected)) },
            { name: 'Более 4 мин', color: COLORS.green, values: rows.map((r) => num(r.over4min)) },
          ]}
        />
      );
    },
  },
  {
    id: 'segment-dynamics',
    title: 'Динамика сегментов',
    path: '/api/v1/reports/segment-dynamics',
    kind: 'period',
    changedOnly: true,
    rows: () => [],
    custom: (a) => <SegmentDynamics answer={a} />,
  },
  {
    id: 'contact-necessity',
    title: 'Необходимость контакта',
    path: '/api/v1/reports/contact-necessity',
    kind: 'snapshot',
    rows: items('items'),
    chart: (a) => {
      // clients per tenth of the indicator: how many need a contact how much
      const bins = Array.from({ length: 10 }, (_, i) => i / 10);
      const values = items('items')(a).map((r) => num(r.indicator) ?? 0);
      const count = bins.map(
        (b, i) => values.filter((v) => v >= b && (i === 9 ? v <= 1 : v < b + 0.1)).length,
      );
      return (
        <BarChart
          title="Распределение клиентов по необходимости контакта"
          categories={bins.map((b) => `${b.toFixed(1)}–${(b + 0.1).toFixed(1)}`)}
          series={[{ name: 'Клиентов', color: COLORS.orange, values: count }]}
        />
      );
    },
  },
  {
    id: 'collection',
    title: 'Полнота сбора оплат',
    path: '/api/v1/reports/collection',
    kind: 'period',
    rows: items('items'),
    chart: (a) => {
      const rows = items('items')(a);
      return (
        <BarChart
          title="Обещано и получено в срок по месяцам, ₽"
          categories={rows.map((r) => String(r.month))}
          series={[
            { name: 'Обещано', color: COLORS.grey, values: rows.map((r) => num(r.promisedAmount)) },
            {
              name: 'Получено в срок',
              color: COLORS.green,
              values: rows.map((r) => num(r.receivedOnTimeAmount)),
            },
          ]}
        />
      );
    },
  },
  {
    id: 'workload',
    title: 'Загрузка против норм',
    path: '/api/v1/reports/workload',
    kind: 'snapshot',
    rows: items('items'),
    chart: (a) => {
      const rows = items('items')(a);
      return (
        <BarChart
          title="Загрузка сотрудников, % нормы (КПП — точки / норма, ПМ — клиенты / верхняя норма)"
          categories={rows.map((r) => `${r.employeeId} (${label(String(r.role))})`)}
          series={[
            {
              name: 'Загрузка, %',
              color: COLORS.blue,
              values: rows.map((r) => Math.round((num(r.load) ?? 0) * 1000) / 10),
            },
          ]}
          reference={{ value: 100, label: 'норма 100 %' }}
        />
      );
    },
  },
  {
    id: 'contact-reasons',
    title: 'Работы по причинам закрытия',
    path: '/api/v1/reports/contact-reasons',
    kind: 'period',
    rows: items('items'),
  },
  {
    id: 'triggers',
    title: 'Триггеры',
    path: '/api/v1/reports/triggers',
    kind: 'snapshot',
    rows: items('items'),
  },
  {
    id: 'deviations',
    title: 'Фиксация отклонений',
    path: '/api/v1/reports/deviations',
    kind: 'snapshot',
    rows: items('items'),
  },
  {
    id: 'service-activity',
    title: 'Активность клиентов',
    path: '/api/v1/reports/service-activity',
    kind: 'period',
    rows: items('items'),
  },
  {
    id: 'competitors',
    title: 'Конкуренты',
    path: '/api/v1/reports/competitors',
    kind: 'snapshot',
    rows: items('items'),
  },
  {
    id: 'deterioration',
    title: 'Признаки ухудшения',
    path: '/api/v1/reports/deterioration',
    kind: 'period',
    rows: items('items'),
  },
  {
    id: 'receivables',
    title: 'Реестр дебиторской задолженности',
    path: '/api/v1/reports/receivables',
    kind: 'optional-period',
    rows: items('rows'),
  },
];
