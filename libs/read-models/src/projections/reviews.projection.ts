import type { EntityManager } from 'typeorm';
import { pathSafeId, type ClientEvent } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { Projection } from './projection';
import { clientIdOf } from './client-streams';

type Of<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>['data'];

const CONNECTED = new Set(['connected', 'connected_with_login']);

/**
 * rm_audit_calls and rm_call_reviews: the connected calls an audit sample is drawn from, with whose
 * call each was (the contact's assignee when it connected, as the domain's state has it), and the
 * reviews. Every write is an upsert or a guarded update, so replaying an event changes nothing.
 */
export const reviewsProjection: Projection = {
  name: 'reviews',
  tables: ['rm_audit_calls', 'rm_call_reviews'],

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (!event.streamId.startsWith('client-')) continue;
      const ric = event.metadata.ric;
      const clientId = clientIdOf(event);
      switch (event.type) {
        case 'ContactPlanned': {
          const data = event.data as Of<'ContactPlanned'>;
          await manager.query(
            `INSERT INTO rm_audit_calls (ric, client_id, contact_id, assignee_role, assignee_id)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ric, client_id, contact_id) DO NOTHING`,
            [ric, clientId, pathSafeId(data.contactId), data.assignee.role, data.assignee.employeeId],
          );
          break;
        }
        case 'ClientAssigned': {
          // open work moves to the new КПП and ПМ (as in the domain); a connected call stays whose it was
          const data = event.data as Of<'ClientAssigned'>;
          for (const [role, from, to] of [
            ['KPP', data.previousKppId, data.kppId],
            ['PM', data.previousPmId, data.pmId],
          ] as const) {
            await manager.query(
              `UPDATE rm_audit_calls SET assignee_id = $5 WHERE ric = $1 AND client_id = $2
                 AND assignee_role = $3 AND assignee_id = $4 AND connected_at IS NULL`,
              [ric, clientId, role, from, to],
            );
          }
          break;
        }
        case 'CallAttempted': {
          const data = event.data as Of<'CallAttempted'>;
          if (!CONNECTED.has(data.outcome)) break;
          await manager.query(
            `UPDATE rm_audit_calls SET connected_at = $4
             WHERE ric = $1 AND client_id = $2 AND contact_id = $3 AND connected_at IS NULL`,
            [ric, clientId, pathSafeId(data.contactId), event.metadata.occurredAt],
          );
          break;
        }
        case 'ContactClosed':
        case 'ContactMissed':
        case 'ContactNotOwed':
          // a contact that ends without a call has nothing to listen to
          await manager.query(
            `DELETE FROM rm_audit_calls WHERE ric = $1 AND client_id = $2 AND contact_id = $3 AND connected_at IS NULL`,
            [ric, clientId, pathSafeId((event.data as { contactId: string }).contactId)],
          );
          break;
        case 'CallReviewed': {
          const data = event.data as Of<'CallReviewed'>;
          await manager.query(
            `INSERT INTO rm_call_reviews (ric, client_id, review_id, contact_id, sheet, scores, score, comment,
               employee_role, employee_id, connected_at, reviewer_id, reviewed_at, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (ric, client_id, review_id) DO NOTHING`,
            [
              ric,
              clientId,
              data.reviewId,
              data.contactId,
              data.sheet,
              JSON.stringify(data.scores),
              data.score,
              data.comment ?? null,
              data.employee.role,
              data.employee.employeeId,
              data.connectedAt,
              data.reviewer.employeeId,
              event.metadata.occurredAt,
              event.position,
            ],
          );
          break;
        }
        default:
          break;
      }
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_audit_calls');
    await manager.query('DELETE FROM rm_call_reviews');
  },
};
