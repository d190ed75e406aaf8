import { ManualClock } from '@ledger/application';
import { BusinessTime, RuleSettings, addDays } from '@ledger/domain';
import type { NewEvent } from '@ledger/eventstore';
import { ROS, billing, newClient, onboard, payments, pmWork, usage } from './behaviour';
import { Caller, kppDay, newCaller } from './kpp-day';
import {
  CLIENTS_PER_KPP,
  CLIENTS_PER_PM,
  JOINING_SHARE_PER_WEEK,
  LEAVING_SHARE_PER_WEEK,
  RETURNED_TO_FIELD_SHARE,
} from './parameters';
import { Random } from './prng';
import { SimClient, World } from './sim-client';

export interface SimulationOptions {
  ric: string;
  clients: number;
  weeks: number;
  seed: number;
  /** The first day (a Monday, business date of the РИЦ). */
  start: string;
  /** Stop after this day even if the weeks run longer (the demo ends today). */
  until?: string;
  time: BusinessTime;
  settings: Partial<RuleSettings>;
  /** Called at the end of a day when many events are pending: write them. */
  flush: (clients: readonly SimClient[]) => Promise<void>;
  /** Pending events that make a flush. */
  flushEvery?: number;
}

export interface SimulationResult {
  clients: SimClient[];
  days: number;
  end: string;
  refusals: Map<string, number>;
  counts: Map<string, number>;
  generateMs: number;
}

/**
 * The РИЦ's year, day by day on a manual clock: the scheduler's deadlines fire at midnight and before
 * every command; РОС imports usage (Mondays), issues invoices and records bank payments; each КПП
 * works the planner (working days); ПМs do their monthly and half-yearly work; clients join and leave.
 * Every event is decided by the workflows from a command (SimClient.run).
 */
export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const world: World = {
    ric: options.ric,
    time: options.time,
    settings: options.settings,
    refusals: new Map(),
  };
  const rng = new Random(options.seed, 'ric');
  const callers: Caller[] = [];
  const clients: SimClient[] = [];
  const counts = new Map<string, number>();
  const flushEvery = options.flushEvery ?? 20_000;
  let generateMs = 0;
  const pmCount = Math.max(1, Math.round(options.clients / CLIENTS_PER_PM));
  const join = (date: string) => {
    const index = clients.length;
    const callerIndex = Math.floor(index / CLIENTS_PER_KPP);
    while (callers.length <= callerIndex) callers.push(newCaller(options.seed, callers.length));
    const client = newClient(world, options.seed, index);
    onboard(client, date, callers[callerIndex]!.kppId, `pm-${(index % pmCount) + 1}`);
    callers[callerIndex]!.clients.push(client);
    clients.push(client);
  };
  const clock = new ManualClock(options.time.startOfDay(options.start));
  let date = options.start;
  let days = 0;
  const last = addDays(options.start, options.weeks * 7 - 1);
  const end = options.until && options.until < last ? options.until : last;
  for (; date <= end; date = addDays(date, 1), days++) {
    const started = performance.now();
    clock.moveTo(options.time.startOfDay(date));
    for (const client of clients) client.fireDue(clock.now());
    const monday = new Date(`${date}T12:00:00Z`).getUTCDay() === 1;
    if (date === options.start) for (let i = 0; i < options.clients; i++) join(date);
    else if (monday) turnover(rng, clients, date, join, options.clients);
    const working = options.time.workingDayOnOrBefore(date) === date;
    for (const client of clients) {
      if (monday && date !== options.start) usage(client, date);
      billing(client, date);
      payments(client, date);
    }
    if (working) {
      for (const caller of callers) kppDay(caller, date);
      for (const client of clients) pmWork(client, date);
    }
    let pending = 0;
    for (const client of clients) pending += client.pending.length;
    generateMs += performance.now() - started;
    if (pending >= flushEvery || date === end) {
      for (const client of clients) count(counts, client.pending);
      await options.flush(clients);
    }
  }
  return { clients, days, end, refusals: world.refusals, counts, generateMs };
}

/** Weekly turnover: a few new clients transferred to remote service, a few leaving it. */
function turnover(
  rng: Random,
  clients: SimClient[],
  date: string,
  join: (date: string) => void,
  size: number,
): void {
  const joining = Math.floor(size * JOINING_SHARE_PER_WEEK + rng.next());
  for (let i = 0; i < joining; i++) join(date);
  const leaving = Math.floor(size * LEAVING_SHARE_PER_WEEK + rng.next());
  for (let i = 0; i < leaving; i++) {
    const client = rng.pick(clients);
    const state = client.registered;
    if (!state || (state.lifecycle !== 'active' && state.lifecycle !== 'escalated')) continue;
    const back = rng.chance(RETURNED_TO_FIELD_SHARE);
    client.run(
      {
        type: 'LeaveRemoteService',
        to: back ? 'returned_to_field_service' : 'left',
        reason: back ? 'signs_of_deterioration' : 'contract_ended',
      },
      ROS,
      new Date(client.world.time.startOfDay(date).getTime() + 8.5 * 3_600_000),
    );
  }
}

function count(counts: Map<string, number>, events: readonly NewEvent[]): void {
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
}
