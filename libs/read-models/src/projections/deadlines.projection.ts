import type { EntityManager } from 'typeorm';
import { pathSafeId } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { Projection } from './projection';
import { clientIdOf } from './client-streams';
import { isKnownClientEvent } from './known-events';

const DEADLINE_EVENTS = new Set(['DeadlineSet', 'DeadlineFired', 'DeadlineCancelled']);

type DeadlineEventData = { deadlineId: string; kind?: string; dueAt?: string };

/**
 * rm_deadlines: the durable timers the workflows set, as the events say. The scheduler keeps its
 * attempts, leases and failures in rm_deadline_schedule, which no rebuild touches (ADR 0030).
 */
export const deadlinesProjection: Projection = {
  name: 'deadlines',
  tables: ['rm_deadlines'],
  accepts: isKnownClientEvent,

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (!DEADLINE_EVENTS.has(event.type)) continue;
      const data = event.data as DeadlineEventData;
      // deadlines set before ids were path-safe are kept under today's form of their id
      const key = [event.metadata.ric, clientIdOf(event), pathSafeId(data.deadlineId)];
      if (event.type === 'DeadlineSet') {
        await manager.query(
          `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status, set_position)
           VALUES ($1, $2, $3, $4, $5, 'pending', $6)
           ON CONFLICT (ric, client_id, deadline_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at,
             status = 'pending', set_position = excluded.set_position`,
          [...key, data.kind, data.dueAt, event.position],
        );
      } else if (event.type === 'DeadlineFired' || event.type === 'DeadlineCancelled') {
        await manager.query(
          `UPDATE rm_deadlines SET status = $4 WHERE ric = $1 AND client_id = $2 AND deadline_id = $3`,
          [...key, event.type === 'DeadlineFired' ? 'fired' : 'cancelled'],
        );
      }
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_deadlines');
  },
};
