import type { PageProps } from '../page-props';

/**
 * The auditor's page (РКПП): a client's timeline and the review form. A placeholder: the auditor
 * pages replace this module, keeping its export `AuditorPage(props: PageProps)`.
 */
export function AuditorPage(_props: PageProps) {
  return (
    <section aria-labelledby="auditor-title">
      <h1 id="auditor-title">Аудит звонков</h1>
      <p>Раздел в разработке.</p>
    </section>
  );
}
