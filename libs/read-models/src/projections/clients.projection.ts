import type { EntityManager } from 'typeorm';
import {
  ClientState,
  DEFAULT_NECESSITY_SETTINGS,
  NecessitySettings,
  contactNecessity,
  diagnosticFailures,
  foldClient,
  initialClientState,
  toClientView,
  workItemsOf,
} from '@ledger/domain';
import { searchTextOf } from './client-search';
import type { RecordedEvent } from '@ledger/eventstore';
import { ClientRecord } from '../entities/client-record.entity';
import { Projection } from './projection';
import { byClientStream, clientIdOf } from './client-streams';
import { isKnownClientEvent } from './known-events';

/**
 * The shape of the client state JSON stored in rm_clients.state (the domain's ClientState). Raise
 * it when that shape changes: the runner then rebuilds the projection before projecting on.
 */
export const CLIENT_STATE_VERSION = 2; // 2: capability parts, path-safe ids, cached-state sharing (ADR 0007)

/**
 * rm_clients and rm_work_items: the client's state folded by the domain's own evolve, and the
 * planner/queue items the domain derives from it — no rule is copied here. The contact necessity
 * uses the РИЦ's configured weights (a change of them takes a rebuild of this projection).
 */
export const clientsProjectionWith = (necessitySettings: NecessitySettings): Projection => ({
  name: 'clients',
  tables: ['rm_clients', 'rm_work_items'],
  version: CLIENT_STATE_VERSION,
  accepts: isKnownClientEvent,

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const repository = manager.getRepository(ClientRecord);
    for (const streamEvents of byClientStream(events).values()) {
      const first = streamEvents[0]!;
      const ric = first.metadata.ric;
      const clientId = clientIdOf(first);
      const existing = await repository.findOneBy({ ric, clientId });
      // Idempotent per (stream, version): what the row already holds is not applied again.
      const fresh = existing
        ? streamEvents.filter((e) => e.streamVersion > existing.streamVersion)
        : streamEvents;
      if (fresh.length === 0) continue;
      const state: ClientState = foldClient(fresh, existing?.state ?? initialClientState);
      const view = toClientView(state, necessitySettings);
      if (!view || state.status !== 'registered') continue;
      const last = fresh[fresh.length - 1]!;
      const necessity = contactNecessity(state, necessitySettings);
      const failures = diagnosticFailures(state);
      await repository.save({
        ric,
        clientId,
        name: state.name,
        lifecycle: state.lifecycle,
        kppId: state.kppId,
        pmId: state.pmId,
        responsibleRole: state.responsible.role,
        responsibleId: state.responsible.employeeId,
        debtMonths: String(view.debtMonths),
        unpaid: String(view.unpaid),
        diagnosticFailures: failures,
        contactNecessity: String(necessity),
        inn: state.inn ?? null,
        category: state.category,
        searchText: searchTextOf(state.name, state.inn),
        contactPersons: state.contactPersons,
        state,
        stateVersion: CLIENT_STATE_VERSION,
        view,
        streamVersion: last.streamVersion,
        lastPosition: last.position,
      });
      await manager.query('DELETE FROM rm_work_items WHERE ric = $1 AND client_id = $2', [ric, clientId]);
      for (const item of workItemsOf(state)) {
        await manager.query(
          `INSERT INTO rm_work_items (ric, client_id, item_id, kind, reason, due_at, available_from, assignee_role,
             assignee_id, details, contact_necessity, fails_diagnostics)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            ric,
            clientId,
            item.itemId,
            item.kind,
            item.reason ?? null,
            item.dueAt,
            item.availableFrom,
            item.assignee.role,
            item.assignee.employeeId,
            item.details,
            necessity,
            failures.length > 0,
          ],
        );
      }
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_work_items');
    await manager.query('DELETE FROM rm_clients');
  },
});

export const clientsProjection: Projection = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS);
