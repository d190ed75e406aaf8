import { CLIENT_EVENT_TYPES } from '@ledger/domain';
import { moscow } from '@ledger/domain/testing';
import type { NewEvent } from '@ledger/eventstore';
import { rememberedTime } from './fast-time';
import {
  CONNECTED_SHARE,
  DIALS_PER_DAY,
  LONG_MEAN_SEC,
  LONG_SHARE_OF_DIALS,
  SHORT_MEAN_SEC,
} from './parameters';
import { SimClient } from './sim-client';
import { simulate } from './simulation';

/** A run in memory: the events each client's commands produced, in order. */
async function run(clients: number, weeks: number, seed: number) {
  const events: NewEvent[] = [];
  const result = await simulate({
    ric: '444',
    clients,
    weeks,
    seed,
    start: '2026-01-12',
    time: rememberedTime(moscow),
    settings: {},
    flush: async (all: readonly SimClient[]) => {
      for (const client of all) {
        events.push(...client.pending);
        client.storedVersion += client.pending.length;
        client.pending = [];
      }
    },
  });
  return { events, result };
}

interface Attempt {
  contactId: string;
  outcome: string;
  durationSec?: number;
}

describe('a simulated РИЦ against the seeds’ statistics', () => {
  let events: NewEvent[];
  beforeAll(async () => {
    // two КПП of 70 clients for four weeks (19 working days from 12 January 2026)
    ({ events } = await run(140, 4, 11));
  }, 60_000);

  const attempts = () => events.filter((e) => e.type === 'CallAttempted');

  it('produces only events the domain knows, each with its actor and times', () => {
    expect(events.length).toBeGreaterThan(5_000);
    for (const event of events) {
      expect(CLIENT_EVENT_TYPES.has(event.type)).toBe(true);
      expect(event.metadata.actor.id).toBeTruthy();
      expect(Date.parse(event.metadata.recordedAt)).toBeGreaterThanOrEqual(
        Date.parse('2026-01-11T21:00:00Z'),
      );
    }
  });

  it('dials 24–27 times a working day per КПП of 70 clients [001]', () => {
    const perDay = new Map<string, number>();
    for (const e of attempts()) {
      // the third КПП takes the clients who join during the run: not yet 70 of them
      if (e.metadata.actor.id === 'kpp-3') continue;
      const key = `${e.metadata.actor.id} ${moscow.dateOf(new Date(e.metadata.occurredAt))}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    // 2 КПП × 20 working days (12 Jan – 6 Feb 2026, no holidays)
    expect(perDay.size).toBe(2 * 20);
    for (const n of perDay.values()) {
      expect(n).toBeGreaterThanOrEqual(DIALS_PER_DAY.min);
      expect(n).toBeLessThanOrEqual(DIALS_PER_DAY.max);
    }
  });

  it('connects 71–75 % of dials, 19–25 % of dials over 4 minutes, means 8–11 min and 1:30–1:50 [001]', () => {
    const all = attempts().map((e) => e.data as Attempt);
    const n = all.length;
    const connected = all.filter((a) => a.outcome === 'connected' || a.outcome === 'connected_with_login');
    const long = connected.filter((a) => a.durationSec! > 240);
    const short = connected.filter((a) => a.durationSec! >= 60 && a.durationSec! <= 240);
    // the seeds' ranges, widened by three standard errors of a run of this size
    const within = (share: number, range: { min: number; max: number }) => {
      const margin = 3 * Math.sqrt((share * (1 - share)) / n);
      expect(share).toBeGreaterThanOrEqual(range.min - margin);
      expect(share).toBeLessThanOrEqual(range.max + margin);
    };
    within(connected.length / n, CONNECTED_SHARE);
    within(long.length / n, LONG_SHARE_OF_DIALS);
    const mean = (calls: Attempt[]) => calls.reduce((s, a) => s + a.durationSec!, 0) / calls.length;
    // σ of an exponential's mean: its mean over √count
    const longSpread = (3 * (mean(long) - 240)) / Math.sqrt(long.length);
    expect(mean(long)).toBeGreaterThanOrEqual(LONG_MEAN_SEC.min - longSpread);
    expect(mean(long)).toBeLessThanOrEqual(LONG_MEAN_SEC.max + longSpread);
    const shortSpread = (3 * (mean(short) - 60)) / Math.sqrt(short.length);
    expect(mean(short)).toBeGreaterThanOrEqual(SHORT_MEAN_SEC.min - shortSpread);
    expect(mean(short)).toBeLessThanOrEqual(SHORT_MEAN_SEC.max + shortSpread);
  });

  it('records one usage week per client each Monday with all four loyalty segments present [000]', () => {
    const usage = events.filter((e) => e.type === 'UsageObserved');
    // Mondays 19 Jan, 26 Jan, 2 Feb for 140 clients and the clients who joined by then
    expect(usage.length).toBeGreaterThanOrEqual(3 * 140);
    const segments = new Set(
      usage.map((e) => {
        const o = e.data as { logins?: number; serviceActivity?: { techSupportRequests: number } };
        const service = (o.serviceActivity?.techSupportRequests ?? 0) > 0;
        const system = o.logins === undefined ? null : o.logins > 0;
        return system === null ? 'unknown' : `${system}/${service}`;
      }),
    );
    expect(segments).toEqual(new Set(['true/true', 'true/false', 'false/true', 'false/false', 'unknown']));
  });

  it('has promises kept and broken and payments received', () => {
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'PaymentPromiseRecorded',
      'PaymentPromiseKept',
      'PaymentPromiseBroken',
      'PaymentReceived',
    ])
      expect(types).toContain(type);
  });
});

describe('reproducibility', () => {
  const shape = (events: NewEvent[]) =>
    events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));

  it('gives the same events — ids included — for the same seed, and others for another', async () => {
    const first = await run(20, 4, 5);
    const again = await run(20, 4, 5);
    const other = await run(20, 4, 6);
    expect(first.events.length).toBeGreaterThan(1_000);
    expect(shape(again.events)).toEqual(shape(first.events));
    expect(shape(other.events)).not.toEqual(shape(first.events));
  }, 60_000);
});
