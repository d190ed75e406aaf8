import type { EntityManager } from 'typeorm';
import { ClientState, initialClientState } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { Projection } from '../projection';
import { byClientStream, clientIdOf } from '../client-streams';
import { FoldedCache, loadFolded } from '../folded-cache';
import { REPORT_TABLES, flushReportBuffers, reportBuffers } from './report-buffers';
import { ReportMemory, freshMemory } from './report-memory';
import {
  DEFAULT_REPORT_PROJECTION_SETTINGS,
  ReportProjectionSettings,
  projectClientEvents,
} from './client-report-events';

/**
 * The analysts' reports (SPEC §5): the rm_report_* tables, written per batch with multi-row
 * upserts. Idempotent per (stream, version): rm_report_clients keeps the version each client's
 * rows include, and older events are not applied again.
 */
export const reportsProjectionWith = (
  settings: ReportProjectionSettings = DEFAULT_REPORT_PROJECTION_SETTINGS,
): Projection => {
  const folded = new FoldedCache<{ state: ClientState; memory: ReportMemory }>();
  return {
    name: 'reports',
    tables: [...REPORT_TABLES],

    async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
      const streams = [...byClientStream(events).values()];
      if (streams.length === 0) return;
      const keys = streams.map((s) => ({ ric: s[0]!.metadata.ric, clientId: clientIdOf(s[0]!) }));
      const byKey = await loadFolded(
        manager,
        folded,
        'rm_report_clients',
        't.state, t.memory',
        keys.map((k) => ({ ric: k.ric, client_id: k.clientId })),
        (row) => ({ state: row.state as ClientState, memory: row.memory as ReportMemory }),
      );
      const written: Array<[string, number, { state: ClientState; memory: ReportMemory }]> = [];
      const buffers = reportBuffers();
      streams.forEach((streamEvents, i) => {
        const key = keys[i]!;
        const id = `${key.ric}\u0000${key.clientId}`;
        const existing = byKey.get(id);
        const fresh = existing
          ? streamEvents.filter((e) => e.streamVersion > existing.version)
          : streamEvents;
        if (fresh.length === 0) return;
        const { state, memory } = projectClientEvents(
          settings,
          buffers,
          key,
          // the memory is changed in place: a cached one is copied first
          {
            state: existing?.value.state ?? initialClientState,
            memory: existing ? structuredClone(existing.value.memory) : freshMemory(),
          },
          fresh,
        );
        if (state.status !== 'registered') return;
        written.push([id, fresh[fresh.length - 1]!.streamVersion, { state, memory }]);
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
          newsletter_subscribers: Object.values(state.contactPersons).filter((p) => p.subscribedToNewsletter)
            .length,
          necessity_from: memory.necessityNow?.from ?? null,
          necessity: memory.necessityNow?.indicator ?? null,
          necessity_signs: memory.necessityNow?.signs ?? null,
          state,
          memory,
          stream_version: fresh[fresh.length - 1]!.streamVersion,
        });
      });
      await flushReportBuffers(manager, buffers);
      for (const [id, version, value] of written) folded.set(manager, id, version, value);
    },

    async reset(manager: EntityManager): Promise<void> {
      for (const table of REPORT_TABLES) await manager.query(`DELETE FROM ${table}`);
    },
  };
};

export const reportsProjection: Projection = reportsProjectionWith();
