import { CsvError, parse } from 'csv-parse/sync';
import { InvalidInput, invalidField } from '../http/errors';

/**
 * The CRM's weekly export as CSV (ADR 0045): UTF-8 (a BOM is skipped), a header row naming the
 * fields of the JSON body (`serviceActivity.documentOrders` for the nested counts), separated by `;`
 * when the header row has one — what a spreadsheet in a Russian locale writes, where `0,8` is a
 * decimal — else by `,`. An empty cell is an absent field (an empty `logins` is "unknown").
 */
type Kind = 'text' | 'number' | 'boolean' | 'list';

const COLUMNS: Record<string, Kind> = {
  clientId: 'text',
  weekStart: 'text',
  logins: 'number',
  portalRequests: 'number',
  portalLowestRating: 'number',
  hotlineRequests: 'number',
  trainedShare: 'number',
  webinars: 'number',
  newsletterClicks: 'number',
  videoClicks: 'number',
  updatesInstalled: 'boolean',
  renewalPeriodStarted: 'boolean',
  unreturnedActs: 'number',
  competitor: 'text',
  portalDepartments: 'list',
  departmentsTrainedBelowHalf: 'number',
  seminarCertificates: 'number',
  'serviceActivity.documentOrders': 'number',
  'serviceActivity.onlineOrders': 'number',
  'serviceActivity.consultingLineRequests': 'number',
  'serviceActivity.selectionOrders': 'number',
  'serviceActivity.trainedUsers': 'number',
  'serviceActivity.onlineDialogRequests': 'number',
  'serviceActivity.personalAccountRegistered': 'boolean',
  'serviceActivity.techSupportRequests': 'number',
};

const TRUE = new Set(['true', '1', 'yes', 'да']);
const FALSE = new Set(['false', '0', 'no', 'нет']);

/** The cell as the JSON body would carry it; a cell that is not what its column holds stays text,
 * so the validation names it exactly as it names a bad JSON field. */
function cellValue(kind: Kind, cell: string, decimalComma: boolean): unknown {
  switch (kind) {
    case 'text':
      return cell;
    case 'number': {
      const number = Number(decimalComma ? cell.replace(',', '.') : cell);
      return /^[+-]?[\d.,eE+-]+$/.test(cell) && Number.isFinite(number) ? number : cell;
    }
    case 'boolean': {
      const word = cell.toLowerCase();
      return TRUE.has(word) ? true : FALSE.has(word) ? false : cell;
    }
    case 'list':
      // several departments in one cell: `accounting|legal` (or separated by spaces)
      return cell.split(/[|\s]+/).filter(Boolean);
    default:
      return ((unknown: never) => unknown)(kind);
  }
}

export const separatorOf = (text: string): ';' | ',' => {
  const header = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  return header.includes(';') ? ';' : ',';
};

/** `{ observations }` as the JSON body would be: the caller validates it the same way. */
export function parseUsageCsv(text: string): { observations: Array<Record<string, unknown>> } {
  // Excel's plain «CSV (разделители — точки с запятой)» is Windows-1251: its Cyrillic arrives as
  // replacement characters, and «да» would silently not be a boolean
  if (text.includes('\uFFFD'))
    throw invalidField('csv', 'not UTF-8: save the file as «CSV UTF-8» (or send charset=utf-8 text)');
  const delimiter = separatorOf(text.replace(/^\uFEFF/, ''));
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = error instanceof CsvError ? ` (line ${String(error.lines ?? '?')})` : '';
    throw invalidField('csv', `not readable as CSV${line}: ${(error as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header) throw invalidField('csv', 'no header row');
  const unknown = header.filter((name) => !(name in COLUMNS));
  if (unknown.length > 0)
    throw new InvalidInput(
      unknown.map((name) => ({
        field: `csv.${name}`,
        message: `unknown column (known: ${Object.keys(COLUMNS).join(', ')})`,
      })),
    );
  for (const required of ['clientId', 'weekStart'])
    if (!header.includes(required))
      throw invalidField(`csv.${required}`, `the header row needs a ${required} column`);
  const kinds = header.map((name) => COLUMNS[name]!);
  const observations = data.map((row) => {
    const observation: Record<string, unknown> = {};
    row.forEach((cell, i) => {
      if (cell === '') return;
      const name = header[i]!;
      const value = cellValue(kinds[i]!, cell, delimiter === ';');
      if (name.startsWith('serviceActivity.')) {
        const activity = (observation.serviceActivity ??= {}) as Record<string, unknown>;
        activity[name.slice('serviceActivity.'.length)] = value;
      } else observation[name] = value;
    });
    return observation;
  });
  return { observations };
}
