import type { EntityManager } from 'typeorm';
import { ClientState, initialClientState } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { Projection, ProjectionContext } from '../projection';
import { byClientStream, clientIdOf } from '../client-streams';
import { FoldedCache, loadFolded } from '../folded-cache';
import { statesAtRowVersion } from '../refold';
import { REPORT_TABLES, flushReportBuffers, reportBuffers } from './report-buffers';
import { CATCH_UP_PART_EVENTS, WritePipeline } from '../write-pipeline';
import { ReportMemory, freshMemory } from './report-memory';
import {
  DEFAULT_REPORT_PROJECTION_SETTINGS,
  ReportProjectionSettings,
  projectClientEvents,
} from './client-report-events';

/**
 * rm_report_clients.state is the client's folded state at the last multiple of this version (a
 * snapshot), not at every batch: a catch-up batch touches every client, and writing each one's
 * 10–20 KB state on every batch was a third of the reports' cost (ADR 0070, third pass). On a cache
 * miss the events after the snapshot — fewer than this — are read from the store and folded.
 */
export const REPORT_STATE_SNAPSHOT_EVERY = 200;

/** A client as the batch finds it: the memory at `version`, the state at `stateAt` (≤ version). */
interface Stored {
  state: ClientState | null;
  stateAt: number;
  memory: ReportMemory;
}

/**
 * The analysts' reports (SPEC §5): the rm_report_* tables, written per batch with multi-row
 * upserts. Idempotent per (stream, version): rm_report_clients keeps the version each client's
 * rows include, and older events are not applied again.
 */
export const reportsProjectionWith = (
  settings: ReportProjectionSettings = DEFAULT_REPORT_PROJECTION_SETTINGS,
  snapshotInterval = REPORT_STATE_SNAPSHOT_EVERY,
  partEvents = CATCH_UP_PART_EVENTS,
): Projection => {
  // what this process wrote, the state at the version of the row (stateAt = version)
  const folded = new FoldedCache<Stored>();
  return {
    name: 'reports',
    tables: [...REPORT_TABLES],

    async apply(
      manager: EntityManager,
      events: readonly RecordedEvent[],
      context?: ProjectionContext,
    ): Promise<void> {
      const streams = [...byClientStream(events).values()];
      if (streams.length === 0) return;
      const keys = streams.map((s) => ({ ric: s[0]!.metadata.ric, clientId: clientIdOf(s[0]!) }));
      const byKey = await loadFolded(
        manager,
        folded,
        'rm_report_clients',
        't.state, t.state_at, t.memory',
        keys.map((k) => ({ ric: k.ric, client_id: k.clientId })),
        (row): Stored => ({
          state: row.state as ClientState | null,
          stateAt: row.state_at as number,
          memory: row.memory as ReportMemory,
        }),
      );
      const clients = streams.map((streamEvents, i) => {
        const id = `${keys[i]!.ric}\u0000${keys[i]!.clientId}`;
        const existing = byKey.get(id);
        // Idempotent per (stream, version): what the row already holds is not applied again.
        const fresh = existing
          ? streamEvents.filter((e) => e.streamVersion > existing.version)
          : streamEvents;
        return { key: keys[i]!, id, streamId: streamEvents[0]!.streamId, existing, fresh };
      });
      const states = await statesAtRowVersion(
        'reports',
        context,
        clients.filter((c) => c.fresh.length > 0 && c.existing),
      );
      // without the store to refold from (events applied by hand), the state is kept at every batch
      const snapshotEvery = context ? snapshotInterval : undefined;
      const written: Array<[string, number, Stored]> = [];
      // written in parts while the fold goes on; every table's rows are keyed by client
      const pipeline = new WritePipeline(partEvents);
      let buffers = reportBuffers();
      const flush = () => {
        const part = buffers;
        buffers = reportBuffers();
        pipeline.send(() => flushReportBuffers(manager, part));
      };
      await pipeline.around(async () => {
        for (const { key, id, existing, fresh } of clients) {
          if (fresh.length === 0) continue;
          await pipeline.beforeFold(fresh.length, flush);
          const { state, memory, snapshot } = projectClientEvents(
            settings,
            buffers,
            key,
            // the memory is changed in place: a cached one is copied first
            {
              state: states.get(id) ?? initialClientState,
              memory: existing ? structuredClone(existing.value.memory) : freshMemory(),
            },
            fresh,
            snapshotEvery,
          );
          if (state.status !== 'registered') continue;
          const version = fresh[fresh.length - 1]!.streamVersion;
          written.push([id, version, { state, stateAt: version, memory }]);
          const stored = snapshotEvery ? snapshot : { version, state };
          buffers.clients.put({
            ric: key.ric,
            client_id: key.clientId,
            kpp_id: state.kppId,
            pm_id: state.pmId,
            category: state.category,
            monthly_fee: state.monthlyFee,
            service_points: 1 + Object.keys(state.servicePoints).length,
            lifecycle: state.lifecycle,
            debt_over_one_month: memory.debtOverOneMonth,
            newsletter_subscribers: Object.values(state.contactPersons).filter(
              (p) => p.subscribedToNewsletter,
            ).length,
            necessity_from: memory.necessityNow?.from ?? null,
            necessity: memory.necessityNow?.indicator ?? null,
            necessity_signs: memory.necessityNow?.signs ?? null,
            // null keeps the row's snapshot; a new row starts with none (state_at 0)
            state: stored?.state ?? null,
            state_at: stored?.version ?? (existing ? null : 0),
            memory,
            stream_version: version,
          });
        }
        flush();
      });
      for (const [id, version, value] of written) folded.set(manager, id, version, value);
    },

    async reset(manager: EntityManager): Promise<void> {
      for (const table of REPORT_TABLES) await manager.query(`DELETE FROM ${table}`);
    },
  };
};

export const reportsProjection: Projection = reportsProjectionWith();
