import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@ledger/application';
import { DataSource } from 'typeorm';
import {
  BusinessTime,
  ClientView,
  HandoverSheetView,
  clientStreamId,
  explainDecision,
  foldClient,
  handoverSheetOf,
  toClientView,
} from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { WorkflowsView, workflowsOf } from '@ledger/workflows';
import { BUSINESS_TIME, LEDGER_RUNTIME } from '../tokens';
import { EventStore, RecordedEvent } from '@ledger/eventstore';
import { ClientRecord } from '@ledger/read-models';

/** Which events of a history: recorded from/until (inclusive), of these types. */
export interface HistoryFilter {
  from?: Date;
  until?: Date;
  types?: ReadonlySet<string>;
}

export interface DecisionEvidence {
  position: string;
  type: string;
  occurredAt: string;
}

/** An automatic event, why it happened and in words (GET /clients/{id}/decisions). */
export interface Decision {
  position: string;
  streamVersion: number;
  type: string;
  occurredAt: string;
  rule: string;
  explanation: string;
  evidence: DecisionEvidence[];
}

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
    @Inject(BUSINESS_TIME) private readonly businessTime: (ric: string) => BusinessTime,
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
  async history(ric: string, clientId: string, filter: HistoryFilter = {}): Promise<HistoryEntry[] | null> {
    const events = await this.stream(ric, clientId, filter.until);
    if (!events) return null;
    const from = filter.from?.getTime();
    return events
      .filter((e) => from === undefined || new Date(e.metadata.recordedAt).getTime() >= from)
      .filter((e) => !filter.types || filter.types.has(e.type))
      .map((e) => ({
        position: e.position,
        streamVersion: e.streamVersion,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      }));
  }

  /**
   * Every automatic event (one with a rule), its evidence resolved to the events it names, and a
   * sentence an auditor can read aloud. null when the client does not exist (in this РИЦ).
   */
  async decisions(ric: string, clientId: string): Promise<Decision[] | null> {
    const events = await this.stream(ric, clientId);
    if (!events) return null;
    const byId = new Map(events.map((e) => [e.metadata.eventId, e]));
    const time = this.businessTime(ric);
    const dateOf = (instant: string) => (instant ? time.dateOf(new Date(instant)) : '');
    const asExplained = (e: RecordedEvent) => ({
      type: e.type,
      data: (e.data ?? {}) as Record<string, unknown>,
      occurredAt: e.metadata.occurredAt,
    });
    return events
      .filter((e) => typeof e.metadata.rule === 'string')
      .map((e) => {
        const evidence = (e.metadata.evidence ?? [])
          .map((id) => byId.get(id))
          .filter((x): x is RecordedEvent => !!x);
        return {
          position: e.position,
          streamVersion: e.streamVersion,
          type: e.type,
          occurredAt: e.metadata.occurredAt,
          rule: e.metadata.rule!,
          explanation: explainDecision(e.metadata.rule!, {
            event: asExplained(e),
            evidence: evidence.map(asExplained),
            dateOf,
          }),
          evidence: evidence.map((x) => ({
            position: x.position,
            type: x.type,
            occurredAt: x.metadata.occurredAt,
          })),
        };
      });
  }

  /** The stream up to `until`, or null when the client does not exist (in this РИЦ). */
  private async stream(ric: string, clientId: string, until?: Date): Promise<RecordedEvent[] | null> {
    const streamId = clientStreamId(ric, clientId);
    const events = await this.store.readStream(streamId, until ? { until } : {});
    if (events.length === 0 && (await this.store.readStream(streamId, { toVersion: 1 })).length === 0)
      return null;
    return events;
  }

  /** The client as it stood at `at` (a recording instant), by replaying its stream up to then. */
  async stateAt(
    ric: string,
    clientId: string,
    at: Date,
  ): Promise<(ClientView & { workflows: WorkflowsView }) | null> {
    const events = await this.store.readStream(clientStreamId(ric, clientId), { until: at });
    const state = foldClient(events);
    const view = toClientView(state, this.runtime.config.necessity);
    const workflows = workflowsOf(state);
    return view && workflows ? { ...view, workflows } : null;
  }

  /** The handover sheet of a threat, from the client's stream; null: no such client or handover. */
  async handoverSheet(ric: string, clientId: string, threatId: string): Promise<HandoverSheetView | null> {
    const events = await this.store.readStream(clientStreamId(ric, clientId));
    return handoverSheetOf(events, threatId);
  }
}
