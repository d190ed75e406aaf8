import type { TestLedger } from '@ledger/test-support';

/**
 * Test helpers for the report specs (no test here): GET a report as JSON and as CSV, and read the
 * CSV back — the BOM, the header row and one row per item.
 */
export async function getReport(ledger: TestLedger, path: string, auth: { Authorization: string }) {
  const json = await ledger.http().get(`/api/v1/reports/${path}`).set(auth).expect(200);
  const separator = path.includes('?') ? '&' : '?';
  const csv = await ledger.http().get(`/api/v1/reports/${path}${separator}format=csv`).set(auth).expect(200);
  return {
    body: json.body,
    csv: readCsv(csv.text),
    contentType: String(csv.headers['content-type']),
    raw: csv.text,
  };
}

/** A CSV without quoted commas (as these reports' values are) into records by header. */
export function readCsv(text: string): Array<Record<string, string>> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split(/\r?\n/);
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A JSON item as its CSV row would read: nested `a.b`, lists space-joined, null empty. */
export function asCsvRow(item: Record<string, unknown>, prefix = '', into: Record<string, string> = {}) {
  for (const [key, v] of Object.entries(item)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(v)) into[name] = v.map((x) => (x === null ? '' : String(x))).join(' ');
    else if (v !== null && typeof v === 'object') asCsvRow(v as Record<string, unknown>, name, into);
    else into[name] = v === null || v === undefined ? '' : String(v);
  }
  return into;
}
