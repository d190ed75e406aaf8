import { foldClient } from '@ledger/domain';
import { moscow } from '@ledger/domain/testing';
import type { NewEvent, RecordedEvent } from '@ledger/eventstore';
import {
  DEFAULT_REPORT_PROJECTION_SETTINGS,
  flushReportBuffers,
  freshMemory,
  projectClientEvents,
  reportBuffers,
} from '@ledger/read-models';
import type { EntityManager } from 'typeorm';
import { rememberedTime } from './fast-time';
import { SimClient } from './sim-client';
import { simulate } from './simulation';

/** The statements a batch's report buffers would run, captured instead of sent. */
async function statementsOf(buffers: ReturnType<typeof reportBuffers>): Promise<unknown[]> {
  const sent: unknown[] = [];
  const manager = { query: async (sql: string, params: unknown[]) => void sent.push([sql, params]) };
  await flushReportBuffers(manager as unknown as EntityManager, buffers);
  return sent;
}

// The reports projection folds a batch's events of a client in place on one private copy (issue 13,
// ADR 0070); folding each event into a fresh copy, as it did before, must give the same rows,
// the same state and the same memory — on simulated clients, whose streams use every capability.
describe('the reports fold in place equals the copying fold', () => {
  let streams: Map<string, RecordedEvent[]>;
  beforeAll(async () => {
    streams = new Map();
    await simulate({
      ric: '444',
      clients: 70,
      weeks: 6,
      seed: 5,
      start: '2026-01-12',
      time: rememberedTime(moscow),
      settings: {},
      flush: async (all: readonly SimClient[]) => {
        for (const client of all) {
          const events = client.pending.map((e: NewEvent, k): RecordedEvent => ({
            ...e,
            streamId: client.clientId,
            streamVersion: client.storedVersion + k + 1,
            position: '0',
          }));
          streams.set(client.clientId, [...(streams.get(client.clientId) ?? []), ...events]);
          client.storedVersion += client.pending.length;
          client.pending = [];
        }
      },
    });
  }, 60_000);

  it('for every client, with the stream in one batch or split into batches of 7', async () => {
    expect(streams.size).toBeGreaterThanOrEqual(70);
    const settings = DEFAULT_REPORT_PROJECTION_SETTINGS;
    for (const [streamId, events] of streams) {
      const key = { ric: '444', clientId: streamId };
      const copying = reportBuffers();
      let one = { state: foldClient([]), memory: freshMemory() };
      for (const event of events) one = projectClientEvents(settings, copying, key, one, [event]);

      const inPlace = reportBuffers();
      const start = { state: foldClient([]), memory: freshMemory() };
      const whole = projectClientEvents(settings, inPlace, key, start, events);
      expect(whole.state).toEqual(one.state);
      expect(whole.memory).toEqual(one.memory);
      const inPlaceRows = await statementsOf(inPlace); // a flush empties the buffers
      expect(inPlaceRows).toEqual(await statementsOf(copying));
      expect(inPlaceRows.length).toBeGreaterThan(0);

      // in batches: each starts from the state the last one returned, which it must not change
      const batched = reportBuffers();
      let part = { state: foldClient([]), memory: freshMemory() };
      for (let at = 0; at < events.length; at += 7) {
        const given = JSON.stringify(part.state);
        const next = projectClientEvents(settings, batched, key, part, events.slice(at, at + 7));
        expect(JSON.stringify(part.state)).toBe(given);
        part = next;
      }
      expect(part.state).toEqual(foldClient(events));
      expect(await statementsOf(batched)).toEqual(inPlaceRows);
    }
    // what the stream says in one fold: the domain's copying foldClient
    const [anyId, anyEvents] = [...streams][0]!;
    expect(
      projectClientEvents(
        settings,
        reportBuffers(),
        { ric: '444', clientId: anyId },
        {
          state: foldClient([]),
          memory: freshMemory(),
        },
        anyEvents!,
      ).state,
    ).toEqual(foldClient(anyEvents!));
  });
});
