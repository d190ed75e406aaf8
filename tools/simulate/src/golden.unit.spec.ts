import { createHash } from 'node:crypto';
import { moscow } from '@ledger/domain/testing';
import { rememberedTime } from './fast-time';
import { SimClient } from './sim-client';
import { simulate } from './simulation';

/** The digest of every event a run produced, in the order they are flushed (ids, data, metadata). */
async function digest(clients: number, weeks: number, seed: number) {
  const hash = createHash('sha1');
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
        for (const event of client.pending) hash.update(JSON.stringify(event));
        events += client.pending.length;
        client.storedVersion += client.pending.length;
        client.pending = [];
      }
    },
  });
  return { events, sha1: hash.digest('hex'), refusals: Object.fromEntries(refusals) };
}

// Issue 13 made the simulator faster (transitions remembered, no copy of a state nothing changed,
// cheaper clones); a year of it must stay event for event what the code before that produced.
describe('a simulated run is the one the simulator produced before it was made faster', () => {
  it('20 clients × 4 weeks, seed 1: the same 1,382 events as commit 7e878f9, ids included', async () => {
    expect(await digest(20, 4, 1)).toEqual({
      events: 1_382,
      sha1: 'b2b2f264bd22a53fc954a8719e2101920a8c0a41',
      refusals: {},
    });
  });

  it('150 clients × 52 weeks (handovers, returns, leavers, refusals): the same 111,479 events', async () => {
    expect(await digest(150, 52, 1)).toEqual({
      events: 111_479,
      sha1: 'fb824c3a76bdef5a0f44ba84c783c555c6897696',
      refusals: { 'MarkPaymentReminderDone: not_responsible': 123 },
    });
  }, 120_000);
});
