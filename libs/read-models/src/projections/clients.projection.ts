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
import { BulkColumn, BulkRow, deleteRows, upsertRows } from './bulk';
import { FoldedCache, loadFolded } from './folded-cache';
import { Projection } from './projection';
import { CATCH_UP_PART_EVENTS, WritePipeline } from './write-pipeline';
import { byClientStream, clientIdOf } from './client-streams';
import { isKnownClientEvent } from './known-events';

/**
 * The shape of the client state JSON stored in rm_clients.state (the domain's ClientState). Raise
 * it when that shape changes: the runner then rebuilds the projection before projecting on.
 */
export const CLIENT_STATE_VERSION = 2; // 2: capability parts, path-safe ids, cached-state sharing (ADR 0007)

/** rm_clients' columns as the projection writes them (the ClientRecord entity). */
const CLIENT_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['name', 'text'],
  ['lifecycle', 'text'],
  ['kpp_id', 'text'],
  ['pm_id', 'text'],
  ['responsible_role', 'text'],
  ['responsible_id', 'text'],
  ['debt_months', 'numeric'],
  ['unpaid', 'numeric'],
  ['diagnostic_failures', 'jsonb'],
  ['contact_necessity', 'numeric'],
  ['inn', 'text'],
  ['category', 'text'],
  ['search_text', 'text'],
  ['contact_persons', 'jsonb'],
  ['state', 'jsonb'],
  ['state_version', 'integer'],
  ['view', 'jsonb'],
  ['stream_version', 'integer'],
  ['last_position', 'bigint'],
];

const WORK_ITEM_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['item_id', 'text'],
  ['kind', 'text'],
  ['reason', 'text'],
  ['due_at', 'timestamptz'],
  ['available_from', 'timestamptz'],
  ['assignee_role', 'text'],
  ['assignee_id', 'text'],
  ['details', 'jsonb'],
  ['contact_necessity', 'numeric'],
  ['fails_diagnostics', 'boolean'],
];

/**
 * rm_clients and rm_work_items: the client's state folded by the domain's own evolve, and the
 * planner/queue items the domain derives from it — no rule is copied here. The contact necessity
 * uses the РИЦ's configured weights (a change of them takes a rebuild of this projection).
 */
export const clientsProjectionWith = (
  necessitySettings: NecessitySettings,
  partEvents = CATCH_UP_PART_EVENTS,
): Projection => {
  const states = new FoldedCache<ClientState>();
  return {
    name: 'clients',
    tables: ['rm_clients', 'rm_work_items'],
    version: CLIENT_STATE_VERSION,
    accepts: isKnownClientEvent,

    async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
      const streams = [...byClientStream(events).values()];
      if (streams.length === 0) return;
      const keys = streams.map((s) => ({ ric: s[0]!.metadata.ric, client_id: clientIdOf(s[0]!) }));
      // every touched client's row in one read, not one per client
      const byKey = await loadFolded(
        manager,
        states,
        'rm_clients',
        't.state',
        keys,
        (row) => row.state as ClientState,
      );
      const folded: Array<[string, number, ClientState]> = [];
      // written in parts while the fold goes on (rows and planner items are keyed by client)
      const pipeline = new WritePipeline(partEvents);
      let clients: BulkRow[] = [];
      let workItems: BulkRow[] = [];
      const flush = () => {
        const part = { clients, workItems };
        clients = [];
        workItems = [];
        pipeline.send(() => writeClients(manager, part.clients, part.workItems));
      };
      await pipeline.around(async () => {
        for (const [i, streamEvents] of streams.entries()) {
          const { ric, client_id: clientId } = keys[i]!;
          const key = `${ric}\u0000${clientId}`;
          const existing = byKey.get(key);
          // Idempotent per (stream, version): what the row already holds is not applied again.
          const fresh = existing
            ? streamEvents.filter((e) => e.streamVersion > existing.version)
            : streamEvents;
          if (fresh.length === 0) continue;
          await pipeline.beforeFold(fresh.length, flush);
          const state: ClientState = foldClient(fresh, existing?.value ?? initialClientState);
          const view = toClientView(state, necessitySettings);
          if (!view || state.status !== 'registered') continue;
          const last = fresh[fresh.length - 1]!;
          folded.push([key, last.streamVersion, state]);
          const necessity = contactNecessity(state, necessitySettings);
          const failures = diagnosticFailures(state);
          clients.push({
            ric,
            client_id: clientId,
            name: state.name,
            lifecycle: state.lifecycle,
            kpp_id: state.kppId,
            pm_id: state.pmId,
            responsible_role: state.responsible.role,
            responsible_id: state.responsible.employeeId,
            debt_months: view.debtMonths,
            unpaid: view.unpaid,
            diagnostic_failures: failures,
            contact_necessity: necessity,
            inn: state.inn ?? null,
            category: state.category,
            search_text: searchTextOf(state.name, state.inn),
            contact_persons: state.contactPersons,
            state,
            state_version: CLIENT_STATE_VERSION,
            view,
            stream_version: last.streamVersion,
            last_position: last.position,
          });
          for (const item of workItemsOf(state))
            workItems.push({
              ric,
              client_id: clientId,
              item_id: item.itemId,
              kind: item.kind,
              reason: item.reason ?? null,
              due_at: item.dueAt,
              available_from: item.availableFrom,
              assignee_role: item.assignee.role,
              assignee_id: item.assignee.employeeId,
              details: item.details,
              contact_necessity: necessity,
              fails_diagnostics: failures.length > 0,
            });
        }
        flush();
      });
      for (const [key, version, state] of folded) states.set(manager, key, version, state);
    },

    async reset(manager: EntityManager): Promise<void> {
      await manager.query('DELETE FROM rm_work_items');
      await manager.query('DELETE FROM rm_clients');
    },
  };
};

/** One upsert for the clients, one delete and one insert for their planner items. */
async function writeClients(
  manager: EntityManager,
  clients: readonly BulkRow[],
  workItems: readonly BulkRow[],
): Promise<void> {
  await upsertRows(manager, 'rm_clients', CLIENT_COLUMNS, ['ric', 'client_id'], clients);
  await deleteRows(
    manager,
    'rm_work_items',
    ['ric', 'client_id'],
    clients.map(({ ric, client_id }) => ({ ric, client_id })),
  );
  await upsertRows(manager, 'rm_work_items', WORK_ITEM_COLUMNS, ['ric', 'client_id', 'item_id'], workItems);
}

export const clientsProjection: Projection = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS);
