import { navigate } from '../../router';
import type { PageProps } from '../page-props';
import { Link } from '../../components/Link';
import { REPORTS } from './reports';
import { ReportView } from './ReportView';
import '../../components/charts/charts.css';
import './analyst.css';

/**
 * The analyst's reports (`?report=<id>` and its period): a list of the reports, and the chosen one
 * as a chart, a table and its CSV. Every figure comes from the API's report endpoints.
 */
export function AnalystPage(props: PageProps) {
  const id = props.query.get('report') ?? REPORTS[0]!.id;
  const def = REPORTS.find((r) => r.id === id);
  return (
    <section aria-labelledby="analyst-title" class="analyst">
      <h1 id="analyst-title">Отчёты</h1>
      <div class="analyst-layout">
        <nav aria-label="Отчёты">
          <ul>
            {REPORTS.map((r) => (
              <li key={r.id}>
                <Link href={`/console/analyst?report=${r.id}`} current={r.id === id}>
                  {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {def ? (
          <ReportView
            key={def.id}
            def={def}
            query={props.query}
            go={(next) => navigate(`/console/analyst?${next}`)}
          />
        ) : (
          <p role="alert">Нет такого отчёта.</p>
        )}
      </div>
    </section>
  );
}
