import { api, call } from '../../api/client';

export type ReportParams = Record<string, string>;

/** The report's JSON for the query (the API's defaults fill what is left out). */
export const loadReport = <T>(path: string, query: ReportParams) =>
  // every report path takes the same query (from/to or date, employeeId, format); typed by one of them
  call<T>(api.GET(path as '/api/v1/reports/segment-dynamics', { params: { query } }));

/**
 * Downloads the report as the API's CSV for the same query plus `format=csv`: the bytes are kept as
 * they come (a Blob, not re-encoded: the BOM stays) and saved under the API's file name.
 */
export async function downloadCsv(path: string, query: ReportParams, fallbackName: string): Promise<string> {
  let disposition = '';
  const blob = await call<Blob>(
    api
      .GET(path as '/api/v1/reports/segment-dynamics', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
      })
      .then((answer) => {
        disposition = answer.response.headers.get('Content-Disposition') ?? '';
        return answer;
      }),
  );
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${fallbackName}.csv`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
