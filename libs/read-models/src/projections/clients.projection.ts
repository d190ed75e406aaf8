import type { EntityManager } from 'typeorm';
import { ClientState, foldClient, initialClientState, toClientView } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import { ClientRecord } from '../entities/client-record.entity';
import { Projection } from './projection';

const isClientStream = (streamId: string) => streamId.startsWith('client-');

/** rm_clients: the client's state folded by the domain's own evolve, so no rule is copied here. */
export const clientsProjection: Projection = {
  name: 'clients',

  async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!isClientStream(event.streamId)) continue;
      const list = byStream.get(event.streamId) ?? [];
      list.push(event);
      byStream.set(event.streamId, list);
    }
    const repository = manager.getRepository(ClientRecord);
    for (const streamEvents of byStream.values()) {
      const { ric } = streamEvents[0]!.metadata;
      const existing = await repository.findOneBy({
        ric,
        clientId: clientIdOf(streamEvents[0]!.streamId, ric),
      });
      // Idempotent per (stream, version): what the row already holds is not applied again.
      const fresh = existing
        ? streamEvents.filter((e) => e.streamVersion > existing.streamVersion)
        : streamEvents;
      if (fresh.length === 0) continue;
      const state: ClientState = foldClient(fresh, existing?.state ?? initialClientState);
      const view = toClientView(state);
      if (!view || state.status !== 'registered') continue;
      const last = fresh[fresh.length - 1]!;
      await repository.save({
        ric: state.ric,
        clientId: state.clientId,
        name: state.name,
        lifecycle: state.lifecycle,
        kppId: state.kppId,
        pmId: state.pmId,
        responsibleRole: state.responsible.role,
        responsibleId: state.responsible.employeeId,
        debtMonths: String(view.debtMonths),
        state,
        view,
        streamVersion: last.streamVersion,
        lastPosition: last.position,
      });
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM rm_clients');
  },
};

const clientIdOf = (streamId: string, ric: string): string => streamId.slice(`client-${ric}-`.length);
