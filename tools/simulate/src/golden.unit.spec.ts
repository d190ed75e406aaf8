import { createHash } from 'node:crypto';
import { moscow } from '@ledger/domain/testing';
import { rememberedTime } from './fast-time';
import { SimClient } from './sim-client';
import { simulate } from './simulation';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The digest of every event a run produced, in the order they are flushed (ids, data, metadata), and
 * the same with every id written as the order it first appeared in (`#1`, `#2`, …): what the events
 * say and which ids are the same, whatever form the ids take.
 */
async function digest(clients: number, weeks: number, seed: number) {
  const hash = createHash('sha1');
  const shape = createHash('sha1');
  const ordinals = new Map<string, number>();
  const ordinal = (id: string) => {
    if (!ordinals.has(id)) ordinals.set(id, ordinals.size + 1);
    return `#${ordinals.get(id)!}`;
  };
  let events = 0;
  const { refusals } = await simulate({
    ric: '444',
    clients,
    weeks,
    seed,
    start: '2026-01-12',
    time: rememberedTime(moscow),
    settings: {},
    flush: async (all: readonly SimClient[]) => {
      for (const client of all) {
        for (const event of client.pending) {
          const text = JSON.stringify(event);
          hash.update(text);
          shape.update(text.replace(UUID, ordinal));
        }
        events += client.pending.length;
        client.storedVersion += client.pending.length;
        client.pending = [];
      }
    },
  });
  return {
    events,
    sha1: hash.digest('hex'),
    idsByOrder: shape.digest('hex'),
    refusals: Object.fromEntries(refusals),
  };
}

// Issue 13 made the simulator faster (transitions remembered, no copy of a state nothing changed,
// cheaper clones); a year of it must stay event for event what the code before that produced.
// ADR 0095 (one boundary timer per contact period instead of an end and a start) changed the digests
// on purpose: fewer timer events, and as event ids are drawn from each client's random source, the
// later draws of its behaviour shift too. Before they were taken anew, cadence-boundary.unit.spec.ts
// showed, with ids from a counter, that every non-timer event of a simulated year stays the same.
// ADR 0106 made event ids version 7 (the instant first): the sha1 changed, `idsByOrder` — the events
// with each id replaced by the order it first appeared in — did not, so nothing but the ids' form did.
describe('a simulated run is the one the simulator produced before it was made faster', () => {
  it('20 clients × 4 weeks, seed 1: the same 1,206 events as ADR 0095 left them, ids included (version 7 since ADR 0106)', async () => {
    expect(await digest(20, 4, 1)).toEqual({
      events: 1_206,
      sha1: '57a6f85840d571ccb6a2806c0387c2d3d847554d',
      idsByOrder: 'beae36c2726c92c3ab2bd1f6253e72521f21b154',
      refusals: {},
    });
  });

  it('150 clients × 52 weeks (handovers, returns, leavers, refusals): the same 97,006 events', async () => {
    expect(await digest(150, 52, 1)).toEqual({
      events: 97_006,
      sha1: '53dccbb78480944a248545143d2223ad6b754f7f',
      idsByOrder: 'a20e694da1945db364d482ac5f2b38983c6d9423',
      refusals: { 'MarkPaymentReminderDone: not_responsible': 138 },
    });
  }, 120_000);
});
