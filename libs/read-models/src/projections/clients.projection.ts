import type { EntityManager } from 'typeorm';
import {
  ClientState,
  DEFAULT_NECESSITY_SETTINGS,
  NecessitySettings,
  contactNecessity,
  diagnosticFailures,
  initialClientState,
  toClientView,
  workItemsOf,
} from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { BulkColumn, BulkRow, deleteRows, upsertRows } from './bulk';
import { FoldedCache, loadFolded } from './folded-cache';
import type { Projection, ProjectionContext } from './projection';
import { statesAtRowVersion } from './refold';
import { clientRow, foldWithSnapshot, usageChanges } from './client-rows';
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
  ['state_at', 'integer'],
  ['monthly_fee', 'numeric'],
  ['contact_cadence', 'text'],
  ['registered_at', 'timestamptz'],
  ['promises', 'jsonb'],
  ['state_version', 'integer'],
  ['view', 'jsonb'],
  ['stream_version', 'integer'],
  ['last_position', 'bigint'],
];

const USAGE_WEEK_COLUMNS: readonly BulkColumn[] = [
  ['ric', 'text'],
  ['client_id', 'text'],
  ['week_start', 'text'],
  ['facts', 'jsonb'],
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
 * rm_clients.state is the client's folded state at the last multiple of this version, the last
 * erasure or the registration (a snapshot, see foldWithSnapshot), not at every batch: a catch-up batch touches nearly every client, and
 * rewriting each one's ~19 KB state on every batch grew with batches × clients — most of the
 * catch-up's server CPU on the simulated year (ADR 0070, fifth pass). On a cache miss the events
 * after the snapshot — fewer than this — are read from the store and folded.
 */
export const CLIENT_STATE_SNAPSHOT_EVERY = 200;

/** A client's stored state: at `stateAt`, its row at the version the cache or row names. */
interface Stored {
  state: ClientState | null;
  stateAt: number;
}

/**
 * rm_clients and rm_work_items: the client's state folded by the domain's own evolve, and the
 * planner/queue items the domain derives from it — no rule is copied here. The contact necessity
 * uses the РИЦ's configured weights (a change of them takes a rebuild of this projection).
 */
export const clientsProjectionWith = (
  necessitySettings: NecessitySettings,
  partEvents = CATCH_UP_PART_EVENTS,
  snapshotInterval = CLIENT_STATE_SNAPSHOT_EVERY,
): Projection => {
  // what this process wrote: the state at the version of the row (stateAt = version)
  const states = new FoldedCache<Stored>();
  return {
    name: 'clients',
    tables: ['rm_clients', 'rm_work_items', 'rm_client_usage_weeks'],
    version: CLIENT_STATE_VERSION,
    accepts: isKnownClientEvent,

    async apply(
      manager: EntityManager,
      events: readonly RecordedEvent[],
      context?: ProjectionContext,
    ): Promise<void> {
      const streams = [...byClientStream(events).values()];
      if (streams.length === 0) return;
      const keys = streams.map((s) => ({ ric: s[0]!.metadata.ric, client_id: clientIdOf(s[0]!) }));
      // every touched client's row in one read, not one per client
      const byKey = await loadFolded(
        manager,
        states,
        'rm_clients',
        't.state, t.state_at',
        keys,
        (row): Stored => ({ state: row.state as ClientState | null, stateAt: row.state_at as number }),
      );
      const clients = streams.map((streamEvents, i) => {
        const id = `${keys[i]!.ric}\u0000${keys[i]!.client_id}`;
        const existing = byKey.get(id);
        // Idempotent per (stream, version): what the row already holds is not applied again.
        const fresh = existing
          ? streamEvents.filter((e) => e.streamVersion > existing.version)
          : streamEvents;
        return { key: keys[i]!, id, streamId: streamEvents[0]!.streamId, existing, fresh };
      });
      const before = await statesAtRowVersion(
        'clients',
        context,
        clients.filter((c) => c.fresh.length > 0 && c.existing),
      );
      // without the store to refold from (events applied by hand), the state is kept at every batch
      const snapshotEvery = context ? snapshotInterval : undefined;
      const folded: Array<[string, number, Stored]> = [];
      // written in parts while the fold goes on (rows and planner items are keyed by client)
      const pipeline = new WritePipeline(partEvents);
      let rows: BulkRow[] = [];
      let workItems: BulkRow[] = [];
      let usageWeeks: BulkRow[] = [];
      let usageGone: BulkRow[] = [];
      const flush = () => {
        const part = { rows, workItems, usageWeeks, usageGone };
        [rows, workItems, usageWeeks, usageGone] = [[], [], [], []];
        pipeline.send(() => writeClients(manager, part));
      };
      await pipeline.around(async () => {
        for (const { key, id, existing, fresh } of clients) {
          if (fresh.length === 0) continue;
          await pipeline.beforeFold(fresh.length, flush);
          const from = existing ? before.get(id)! : initialClientState;
          const { state, snapshot } = foldWithSnapshot(from, fresh, snapshotEvery);
          const view = toClientView(state, necessitySettings);
          if (!view || state.status !== 'registered') continue;
          const last = fresh[fresh.length - 1]!;
          folded.push([id, last.streamVersion, { state, stateAt: last.streamVersion }]);
          const stored = snapshotEvery ? snapshot : { version: last.streamVersion, state };
          const necessity = contactNecessity(state, necessitySettings);
          const failures = diagnosticFailures(state);
          rows.push({
            ...clientRow(state, view, necessity, failures),
            ric: key.ric,
            client_id: key.client_id,
            state_version: CLIENT_STATE_VERSION,
            // null keeps the row's snapshot; a new row starts with none (state_at 0)
            state: stored?.state ?? null,
            state_at: stored?.version ?? (existing ? null : 0),
            stream_version: last.streamVersion,
            last_position: last.position,
          });
          // the rows hold `from`'s weeks (a new client: none)
          const usage = usageChanges(existing ? from : null, state);
          for (const week of usage.written)
            usageWeeks.push({
              ric: key.ric,
              client_id: key.client_id,
              week_start: week.weekStart,
              facts: week,
            });
          for (const weekStart of usage.gone)
            usageGone.push({ ric: key.ric, client_id: key.client_id, week_start: weekStart });
          for (const item of workItemsOf(state))
            workItems.push({
              ric: key.ric,
              client_id: key.client_id,
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
      for (const [id, version, value] of folded) states.set(manager, id, version, value);
    },

    async reset(manager: EntityManager): Promise<void> {
      await manager.query('DELETE FROM rm_work_items');
      await manager.query('DELETE FROM rm_client_usage_weeks');
      await manager.query('DELETE FROM rm_clients');
    },
  };
};

/** One upsert for the clients, one delete and one insert for their planner items, and the usage weeks that changed. */
async function writeClients(
  manager: EntityManager,
  part: { rows: BulkRow[]; workItems: BulkRow[]; usageWeeks: BulkRow[]; usageGone: BulkRow[] },
): Promise<void> {
  const { rows, workItems, usageWeeks, usageGone } = part;
  // the snapshot is left null where the stored row's stands
  await upsertRows(manager, 'rm_clients', CLIENT_COLUMNS, ['ric', 'client_id'], rows, 'update', [
    'state',
    'state_at',
  ]);
  await deleteRows(
    manager,
    'rm_work_items',
    ['ric', 'client_id'],
    rows.map(({ ric, client_id }) => ({ ric, client_id })),
  );
  await upsertRows(manager, 'rm_work_items', WORK_ITEM_COLUMNS, ['ric', 'client_id', 'item_id'], workItems);
  await deleteRows(manager, 'rm_client_usage_weeks', ['ric', 'client_id', 'week_start'], usageGone);
  await upsertRows(
    manager,
    'rm_client_usage_weeks',
    USAGE_WEEK_COLUMNS,
    ['ric', 'client_id', 'week_start'],
    usageWeeks,
  );
}

export const clientsProjection: Projection = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS);
