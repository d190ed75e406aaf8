import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@ledger/application';
import { DataSource } from 'typeorm';
import {
  ClientView,
  HandoverSheetView,
  clientStreamId,
  foldClient,
  handoverSheetOf,
  toClientView,
} from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { LEDGER_RUNTIME } from '../tokens';
import { EventStore, RecordedEvent } from '@ledger/eventstore';
import { ClientRecord } from '@ledger/read-models';

export interface HistoryEntry {
  position: string;
  streamVersion: number;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

/** Reads for one client: the projection for the present, the stream for history and the past. */
@Injectable()
export class ClientQueries {
  constructor(
    private readonly readModels: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'config'>,
  ) {}

  async current(ric: string, clientId: string): Promise<ClientView | null> {
    const row = await this.readModels.getRepository(ClientRecord).findOneBy({ ric, clientId });
    return row?.view ?? null;
  }

  /** Whether the client exists in this РИЦ (by its stream, not waiting for projections). */
  async exists(ric: string, clientId: string): Promise<boolean> {
    return (await this.store.readStream(clientStreamId(ric, clientId), { toVersion: 1 })).length > 0;
  }

  /** null when the client does not exist (in this РИЦ). */
  async history(ric: string, clientId: string, until?: Date): Promise<HistoryEntry[] | null> {
    const streamId = clientStreamId(ric, clientId);
    const events = await this.store.readStream(streamId, until ? { until } : {});
    if (events.length === 0 && (await this.store.readStream(streamId, { toVersion: 1 })).length === 0)
      return null;
    return events.map((e) => ({
      position: e.position,
      streamVersion: e.streamVersion,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    }));
  }

  /** The client as it stood at `at` (a recording instant), by replaying its stream up to then. */
  async stateAt(ric: string, clientId: string, at: Date): Promise<ClientView | null> {
    const events = await this.store.readStream(clientStreamId(ric, clientId), { until: at });
    return toClientView(foldClient(events), this.runtime.config.necessity);
  }

  /** The handover sheet of a threat, from the client's stream; null: no such client or handover. */
  async handoverSheet(ric: string, clientId: string, threatId: string): Promise<HandoverSheetView | null> {
    const events = await this.store.readStream(clientStreamId(ric, clientId));
    return handoverSheetOf(events, threatId);
  }
}
