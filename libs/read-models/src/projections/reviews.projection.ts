import type { EntityManager } from 'typeorm';
import { pathSafeId, type ClientEvent } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { Projection } from './projection';
import { clientIdOf } from './client-streams';
import { BulkColumn, BulkRow, deleteRows, selectRows, upsertRows } from './bulk';

type Of<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>['data'];

const CONNECTED = new Set(['connected', 'connected_with_login']);

interface AuditCall {
  ric: string;
  client_id: string;
  contact_id: string;
  assignee_role: string;
  assignee_id: string;
  connected_at: string | Date | null;
}

const AUDIT_CALL_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['contact_id', 'text'],
  ['assignee_role', 'text'],
  ['assignee_id', 'text'],
  ['connected_at', 'timestamptz'],
];

const REVIEW_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['review_id', 'text'],
  ['contact_id', 'text'],
  ['sheet', 'text'],
  ['scores', 'jsonb'],
  ['score', 'numeric'],
  ['comment', 'text'],
  ['employee_role', 'text'],
  ['employee_id', 'text'],
  ['connected_at', 'timestamptz'],
  ['reviewer_id', 'text'],
  ['reviewed_at', 'timestamptz'],
  ['position', 'bigint'],
];

const ENDED = new Set(['ContactClosed', 'ContactMissed', 'ContactNotOwed']);
const keyOf = (ric: string, clientId: string, contactId: string) =>
  `${ric}\u0000${clientId}\u0000${contactId}`;

/**
 * rm_audit_calls and rm_call_reviews: the connected calls an audit sample is drawn from, with whose
 * call each was (the contact's assignee when it connected, as the domain's state has it), and the
 * reviews. A batch loads the rows its events touch in two reads, applies the events to them in
 * order in memory, and writes the outcome in a few statements (ADR 0070); replaying an event
 * changes nothing.
 */
export const reviewsProjection: Projection = {
  name: 'reviews',
  tables: ['rm_audit_calls', 'rm_call_reviews'],

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const calls = await loadCalls(manager, events);
    /** Keys of rows changed by the batch; a null in `calls` is a row the batch deleted. */
    const changed = new Set<string>();
    const reviews = new Map<string, BulkRow>();
    for (const event of events) {
      if (!event.streamId.startsWith('client-')) continue;
      const ric = event.metadata.ric;
      const clientId = clientIdOf(event);
      switch (event.type) {
        case 'ContactPlanned': {
          const data = event.data as Of<'ContactPlanned'>;
          const key = keyOf(ric, clientId, pathSafeId(data.contactId));
          if (calls.get(key)) break; // planned before: kept as it is
          calls.set(key, {
            ric,
            client_id: clientId,
            contact_id: pathSafeId(data.contactId),
            assignee_role: data.assignee.role,
            assignee_id: data.assignee.employeeId,
            connected_at: null,
          });
          changed.add(key);
          break;
        }
        case 'ClientAssigned': {
          // open work moves to the new КПП and ПМ (as in the domain); a connected call stays whose it was
          const data = event.data as Of<'ClientAssigned'>;
          for (const [key, call] of calls) {
            if (!call || call.ric !== ric || call.client_id !== clientId || call.connected_at !== null)
              continue;
            for (const [role, from, to] of [
              ['KPP', data.previousKppId, data.kppId],
              ['PM', data.previousPmId, data.pmId],
            ] as const) {
              if (call.assignee_role !== role || call.assignee_id !== from) continue;
              calls.set(key, { ...call, assignee_id: to });
              changed.add(key);
            }
          }
          break;
        }
        case 'CallAttempted': {
          const data = event.data as Of<'CallAttempted'>;
          if (!CONNECTED.has(data.outcome)) break;
          const key = keyOf(ric, clientId, pathSafeId(data.contactId));
          const call = calls.get(key);
          if (!call || call.connected_at !== null) break;
          calls.set(key, { ...call, connected_at: event.metadata.occurredAt });
          changed.add(key);
          break;
        }
        case 'ContactClosed':
        case 'ContactMissed':
        case 'ContactNotOwed': {
          // a contact that ends without a call has nothing to listen to
          const key = keyOf(ric, clientId, pathSafeId((event.data as { contactId: string }).contactId));
          if (calls.get(key)?.connected_at !== null) break;
          calls.set(key, null);
          changed.add(key);
          break;
        }
        case 'CallReviewed': {
          const data = event.data as Of<'CallReviewed'>;
          const key = keyOf(ric, clientId, data.reviewId);
          if (reviews.has(key)) break; // the first review of an id stands, as in the table
          reviews.set(key, {
            ric,
            client_id: clientId,
            review_id: data.reviewId,
            contact_id: data.contactId,
            sheet: data.sheet,
            scores: data.scores,
            score: data.score,
            comment: data.comment ?? null,
            employee_role: data.employee.role,
            employee_id: data.employee.employeeId,
            connected_at: data.connectedAt,
            reviewer_id: data.reviewer.employeeId,
            reviewed_at: event.metadata.occurredAt,
            position: event.position,
          });
          break;
        }
        default:
          break;
      }
    }
    const written = [...changed].map((key) => ({ key, call: calls.get(key) }));
    const deleted = written.filter((w) => !w.call).map((w) => splitKey(w.key));
    await deleteRows(
      manager,
      'rm_audit_calls',
      ['ric', 'client_id', 'contact_id'],
      deleted,
      't.connected_at IS NULL',
    );
    const kept = written.flatMap((w) => (w.call ? [w.call as unknown as BulkRow] : []));
    await upsertRows(manager, 'rm_audit_calls', AUDIT_CALL_COLUMNS, ['ric', 'client_id', 'contact_id'], kept);
    await upsertRows(
      manager,
      'rm_call_reviews',
      REVIEW_COLUMNS,
      ['ric', 'client_id', 'review_id'],
      [...reviews.values()],
      'nothing',
    );
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_audit_calls');
    await manager.query('DELETE FROM rm_call_reviews');
  },
};

const splitKey = (key: string) => {
  const [ric, client_id, contact_id] = key.split('\u0000');
  return { ric, client_id, contact_id };
};

/**
 * The audit rows the batch's events can touch, by key: those of the contacts it names, and the
 * open ones of clients it reassigns. A key absent from the map has no row.
 */
async function loadCalls(
  manager: EntityManager,
  events: readonly RecordedEvent[],
): Promise<Map<string, AuditCall | null>> {
  const contacts = new Map<string, BulkRow>();
  const reassigned = new Map<string, BulkRow>();
  for (const event of events) {
    if (!event.streamId.startsWith('client-')) continue;
    const ric = event.metadata.ric;
    const clientId = clientIdOf(event);
    const data = event.data as { contactId?: string };
    if (event.type === 'ClientAssigned')
      reassigned.set(`${ric}\u0000${clientId}`, { ric, client_id: clientId });
    else if (
      (event.type === 'ContactPlanned' || event.type === 'CallAttempted' || ENDED.has(event.type)) &&
      data.contactId
    ) {
      const contactId = pathSafeId(data.contactId);
      contacts.set(keyOf(ric, clientId, contactId), { ric, client_id: clientId, contact_id: contactId });
    }
  }
  const columns = 't.ric, t.client_id, t.contact_id, t.assignee_role, t.assignee_id, t.connected_at';
  const rows = [
    ...(await selectRows<AuditCall>(
      manager,
      'rm_audit_calls',
      columns,
      ['ric', 'client_id', 'contact_id'],
      [...contacts.values()],
    )),
    ...(await selectRows<AuditCall>(
      manager,
      '(SELECT * FROM rm_audit_calls WHERE connected_at IS NULL)',
      columns,
      ['ric', 'client_id'],
      [...reassigned.values()],
    )),
  ];
  return new Map(rows.map((row) => [keyOf(row.ric, row.client_id, row.contact_id), row]));
}
