import path from 'node:path';
import { TIMER_EVENTS, businessEvents, moscow } from '@ledger/domain/testing';
import type { NewEvent } from '@ledger/eventstore';
import { rememberedTime } from './fast-time';

/**
 * ADR 0095: one boundary timer per contact period instead of the period's end and the next one's
 * start. The simulated year is run twice — with the cadence as it is, and with the cadence as it was
 * (`cadence-before-0095.ts` loaded in place of `contact-cadence/workflow`) — and every event that is
 * not a timer must be the same, in the same order, client by client.
 *
 * Event ids come from the client's random source, so fewer timer events would shift every later
 * draw of the client's behaviour; for the comparison the ids are drawn from a counter instead, so
 * the behaviour draws are the same in both runs whatever the number of events.
 */
const workflows = path.dirname(require.resolve('@ledger/workflows'));
const CADENCE = path.join(workflows, 'contact-cadence', 'workflow.ts');
const BEFORE_0095 = path.join(workflows, 'testing', 'cadence-before-0095.ts');

type Simulate = typeof import('./simulation').simulate;
type RandomClass = typeof import('./prng').Random;

function loadSimulator(cadence: 'today' | 'before 0095'): { simulate: Simulate; Random: RandomClass } {
  let loaded: { simulate: Simulate; Random: RandomClass } | undefined;
  jest.isolateModules(() => {
    if (cadence === 'before 0095') jest.doMock(CADENCE, () => jest.requireActual(BEFORE_0095));
    loaded = {
      simulate: jest.requireActual<typeof import('./simulation')>('./simulation').simulate,
      Random: jest.requireActual<typeof import('./prng')>('./prng').Random,
    };
  });
  jest.dontMock(CADENCE);
  return loaded!;
}

/** A year's events per client, with ids that do not consume the client's random draws. */
async function year(cadence: 'today' | 'before 0095', clients: number, weeks: number) {
  const { simulate, Random } = loadSimulator(cadence);
  let ids = 0;
  const uuid = jest.spyOn(Random.prototype, 'uuid').mockImplementation(() => `id-${++ids}`);
  const uuidV7 = jest.spyOn(Random.prototype, 'uuidV7').mockImplementation(() => `id-${++ids}`);
  const streams = new Map<string, NewEvent[]>();
  try {
    await simulate({
      ric: '444',
      clients,
      weeks,
      seed: 7,
      start: '2026-01-12',
      time: rememberedTime(moscow),
      settings: {},
      flush: async (all) => {
        for (const client of all) {
          const stream = streams.get(client.clientId) ?? [];
          stream.push(...client.pending);
          streams.set(client.clientId, stream);
          client.storedVersion += client.pending.length;
          client.pending = [];
        }
      },
    });
  } finally {
    uuid.mockRestore();
    uuidV7.mockRestore();
  }
  return streams;
}

/**
 * What the business events say, in order. An event id (a threat's id is its event's, evidence and
 * causation name events) is written as the business event it names — `#3` — or as `timer`.
 */
const business = (events: readonly NewEvent[]) =>
  businessEvents(
    events,
    (e) => String(e.metadata.eventId),
    ({ type, data, metadata }, nameOf) => ({
      type,
      data,
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.recordedAt,
      actor: metadata.actor,
      rule: metadata.rule,
      evidence: metadata.evidence,
      // a command's own events name the command (an id of no event)
      causation: nameOf(metadata.causationId) ?? 'the command',
    }),
  );

const countTypes = (streams: Map<string, NewEvent[]>, kind?: string) => {
  const counts: Record<string, number> = {};
  for (const events of streams.values())
    for (const e of events) {
      const key =
        kind && TIMER_EVENTS.has(e.type) ? `${e.type} ${(e.data as { kind?: string }).kind ?? ''}` : e.type;
      if (!kind || key.includes(kind)) counts[key] = (counts[key] ?? 0) + 1;
    }
  return counts;
};

describe('contact periods with one boundary timer (ADR 0095) decide what the two timers decided', () => {
  it('40 clients × 52 weeks: the same contacts planned, missed and not owed, event for event', async () => {
    const before = await year('before 0095', 40, 52);
    const today = await year('today', 40, 52);
    expect([...today.keys()]).toEqual([...before.keys()]);
    for (const [clientId, events] of before) {
      expect({ clientId, events: business(today.get(clientId)!) }).toEqual({
        clientId,
        events: business(events),
      });
    }
    // what the year held: every case of the cadence, so the comparison covers them
    const seen = countTypes(before);
    for (const type of [
      'ContactPlanned',
      'ContactMissed',
      'ContactNotOwed', // diagnostic weeks
      'ServicePointAdded',
      'ClientLeftRemoteService',
      'HandedOverToPM',
      'ReturnedToKPP',
    ])
      expect({ type, seen: (seen[type] ?? 0) > 0 }).toEqual({ type, seen: true });
    // each period's two timers are one: no end or start after a client's first periods
    const timersBefore = countTypes(before, 'contact_period');
    const timersToday = countTypes(today, 'contact_period');
    expect(timersToday['DeadlineSet contact_period_end']).toBeUndefined();
    expect(timersToday['DeadlineFired contact_period_boundary']).toBe(
      timersBefore['DeadlineFired contact_period_end'],
    );
    console.log({ timersBefore, timersToday });
  }, 120_000);
});
