import type { EntityManager } from 'typeorm';
import { pathSafeId } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { Projection } from './projection';
import { clientIdOf } from './client-streams';
import { isKnownClientEvent } from './known-events';
import { BulkColumn, upsertRows } from './bulk';

const DEADLINE_EVENTS = new Set(['DeadlineSet', 'DeadlineFired', 'DeadlineCancelled']);

type DeadlineEventData = { deadlineId: string; kind?: string; dueAt?: string };

interface DeadlineChange {
  ric: string;
  client_id: string;
  deadline_id: string;
  set?: { kind?: string; due_at?: string; set_position: string };
  status?: string;
}

const DEADLINE_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['deadline_id', 'text'],
  ['kind', 'text'],
  ['due_at', 'timestamptz'],
  ['status', 'text'],
  ['set_position', 'bigint'],
];

/**
 * rm_deadlines: the durable timers the workflows set, as the events say. The scheduler keeps its
 * attempts, leases and failures in rm_deadline_schedule, which no rebuild touches (ADR 0030).
 */
export const deadlinesProjection: Projection = {
  name: 'deadlines',
  tables: ['rm_deadlines'],
  accepts: isKnownClientEvent,

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    // The batch's events folded per deadline in order, then written in two statements: a timer set
    // in the batch is upserted with the status its later events gave it; one only fired or
    // cancelled here updates the row it already has.
    const changes = new Map<string, DeadlineChange>();
    for (const event of events) {
      if (!DEADLINE_EVENTS.has(event.type)) continue;
      const data = event.data as DeadlineEventData;
      // deadlines set before ids were path-safe are kept under today's form of their id
      const key = {
        ric: event.metadata.ric,
        client_id: clientIdOf(event),
        deadline_id: pathSafeId(data.deadlineId),
      };
      const id = `${key.ric}\u0000${key.client_id}\u0000${key.deadline_id}`;
      if (event.type === 'DeadlineSet') {
        changes.set(id, {
          ...key,
          set: { kind: data.kind, due_at: data.dueAt, set_position: event.position },
          status: 'pending',
        });
      } else {
        const change = changes.get(id) ?? { ...key };
        change.status = event.type === 'DeadlineFired' ? 'fired' : 'cancelled';
        changes.set(id, change);
      }
    }
    const set = [...changes.values()].filter((c) => c.set).map(({ set, ...c }) => ({ ...c, ...set }));
    const updated = [...changes.values()].filter((c) => !c.set).map(({ set: _, ...c }) => c);
    await upsertRows(manager, 'rm_deadlines', DEADLINE_COLUMNS, ['ric', 'client_id', 'deadline_id'], set);
    if (updated.length > 0)
      await manager.query(
        `UPDATE rm_deadlines d SET status = x.status
         FROM json_to_recordset($1::json) AS x(ric text, client_id text, deadline_id text, status text)
         WHERE d.ric = x.ric AND d.client_id = x.client_id AND d.deadline_id = x.deadline_id`,
        [JSON.stringify(updated)],
      );
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_deadlines');
  },
};
