import { Sealed, isSealed, open, seal } from './cipher';

/** A contact person's personal fields (152-ФЗ); roles and newsletter consent are not. */
export const PERSONAL_FIELDS = ['name', 'phones', 'emails', 'interests', 'position'] as const;

/** What a reader sees of an erased person. */
export const ERASED_NAME = 'удалено по 152-ФЗ';

/** Personal fields as stored: sealed, with the names of the fields inside (names are not personal). */
export interface SealedPersonal extends Sealed {
  fields: string[];
}

const isSealedPersonal = (value: unknown): value is SealedPersonal =>
  isSealed(value) && Array.isArray((value as SealedPersonal).fields);

/** The one key a person has across the log: stream and contact person id. */
export const personOf = (streamId: string, contactPersonId: string) => `${streamId}/${contactPersonId}`;

/** Where an event type keeps personal fields: the records that hold them, each naming its person. */
export function personalRecords(type: string, data: unknown): Array<Record<string, unknown>> {
  const d = data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object') return [];
  if (type === 'ContactPersonAdded' || type === 'ContactPersonChanged') return [d];
  if (type === 'HandedOverToPM') {
    const contacts = (d.sheet as { contacts?: unknown } | undefined)?.contacts;
    return Array.isArray(contacts) ? (contacts as Array<Record<string, unknown>>) : [];
  }
  return [];
}

/** Whether a record still holds a personal field in plain. */
export const holdsPlain = (record: Record<string, unknown>) => PERSONAL_FIELDS.some((f) => f in record);

/** Moves a record's personal fields into `personal`, sealed under the key (null: erased, so dropped). */
export function sealRecord(record: Record<string, unknown>, key: Buffer | null, person: string) {
  const fields = PERSONAL_FIELDS.filter((f) => f in record);
  if (fields.length === 0) return record;
  const rest = Object.fromEntries(Object.entries(record).filter(([f]) => !fields.includes(f as never)));
  if (!key) return { ...rest, ...erasedFields(fields) };
  const plain = Object.fromEntries(fields.map((f) => [f, record[f]]));
  return { ...rest, personal: { ...seal(key, plain, person), fields } satisfies SealedPersonal };
}

/** The record as the domain knows it: its personal fields opened, or shown as erased without a key. */
export function openRecord(record: Record<string, unknown>, key: Buffer | null | undefined, person: string) {
  const sealed = record.personal;
  if (!isSealedPersonal(sealed)) return record;
  const { personal: _sealed, ...rest } = record;
  if (!key) return { ...rest, ...erasedFields(sealed.fields) };
  return { ...rest, ...open(key, sealed, person) };
}

function erasedFields(fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { erased: true };
  for (const field of fields) {
    if (field === 'name') out.name = ERASED_NAME;
    else if (field !== 'position') out[field] = [];
  }
  return out;
}
