import type { PageProps } from '../page-props';

/**
 * The analyst's reports. A placeholder: the analyst pages replace this module, keeping its export
 * `AnalystPage(props: PageProps)`; uPlot (devDependency `uplot`) is bundled for their charts.
 */
export function AnalystPage(_props: PageProps) {
  return (
    <section aria-labelledby="analyst-title">
      <h1 id="analyst-title">Отчёты</h1>
      <p>Раздел в разработке.</p>
    </section>
  );
}
