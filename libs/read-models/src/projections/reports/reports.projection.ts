import type { EntityManager } from 'typeorm';
import { ClientState, initialClientState } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { Projection } from '../projection';
import { byClientStream, clientIdOf } from '../client-streams';
import { REPORT_TABLES, flushReportBuffers, reportBuffers } from './report-buffers';
import { ReportMemory, freshMemory } from './report-memory';
import {
  DEFAULT_REPORT_PROJECTION_SETTINGS,
  ReportProjectionSettings,
  projectClientEvents,
} from './client-report-events';

interface StoredClient {
  ric: string;
  client_id: string;
  state: ClientState;
  memory: ReportMemory;
  stream_version: number;
}

/**
 * The analysts' reports (SPEC §5): the rm_report_* tables, written per batch with multi-row
 * upserts. Idempotent per (stream, version): rm_report_clients keeps the version each client's
 * rows include, and older events are not applied again.
 */
export const reportsProjectionWith = (
  settings: ReportProjectionSettings = DEFAULT_REPORT_PROJECTION_SETTINGS,
): Projection => ({
  name: 'reports',
  tables: [...REPORT_TABLES],

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const streams = [...byClientStream(events).values()];
    if (streams.length === 0) return;
    const keys = streams.map((s) => ({ ric: s[0]!.metadata.ric, clientId: clientIdOf(s[0]!) }));
    const stored: StoredClient[] = await manager.query(
      `SELECT c.ric, c.client_id, c.state, c.memory, c.stream_version FROM rm_report_clients c
       JOIN unnest($1::text[], $2::text[]) AS k(ric, client_id) ON c.ric = k.ric AND c.client_id = k.client_id`,
      [keys.map((k) => k.ric), keys.map((k) => k.clientId)],
    );
    const byKey = new Map(stored.map((s) => [`${s.ric}\u0000${s.client_id}`, s]));
    const buffers = reportBuffers();
    streams.forEach((streamEvents, i) => {
      const key = keys[i]!;
      const existing = byKey.get(`${key.ric}\u0000${key.clientId}`);
      const fresh = existing
        ? streamEvents.filter((e) => e.streamVersion > existing.stream_version)
        : streamEvents;
      if (fresh.length === 0) return;
      const { state, memory } = projectClientEvents(
        settings,
        buffers,
        key,
        { state: existing?.state ?? initialClientState, memory: existing?.memory ?? freshMemory() },
        fresh,
      );
      if (state.status !== 'registered') return;
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
        necessity_signs: memory.necessityNow ? JSON.stringify(memory.necessityNow.signs) : null,
        state: JSON.stringify(state),
        memory: JSON.stringify(memory),
        stream_version: fresh[fresh.length - 1]!.streamVersion,
      });
    });
    await flushReportBuffers(manager, buffers);
  },

  async reset(manager: EntityManager): Promise<void> {
    for (const table of REPORT_TABLES) await manager.query(`DELETE FROM ${table}`);
  },
});

export const reportsProjection: Projection = reportsProjectionWith();
