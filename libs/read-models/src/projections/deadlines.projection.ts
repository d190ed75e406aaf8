import type { EntityManager } from 'typeorm';
import { pathSafeId } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { Projection } from './projection';
import { clientIdOf } from './client-streams';

type DeadlineEventData = { deadlineId: string; kind?: string; dueAt?: string };

const DEADLINE_EVENT_TYPES = new Set(['DeadlineSet', 'DeadlineFired', 'DeadlineCancelled']);

/** rm_deadlines: the durable timers the workflows set, for the scheduler to claim. */
export const deadlinesProjection: Projection = {
  name: 'deadlines',

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      // only the deadline events carry a deadlineId; every other event passes by
      if (!DEADLINE_EVENT_TYPES.has(event.type)) continue;
      const data = event.data as DeadlineEventData;
      // deadlines set before ids were path-safe are kept under today's form of their id
      const key = [event.metadata.ric, clientIdOf(event), pathSafeId(data.deadlineId)];
      if (event.type === 'DeadlineSet') {
        await manager.query(
          `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status) VALUES ($1, $2, $3, $4, $5, 'pending')
           ON CONFLICT (ric, client_id, deadline_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at,
             status = 'pending', attempts = 0, last_error = NULL`,
          [...key, data.kind, data.dueAt],
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
