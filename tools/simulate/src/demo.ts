import { addDays } from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { runSimulation } from './run';

export const DEMO_RIC = '444';
export const DEMO_CLIENTS = 300;
export const DEMO_WEEKS = 12;

/** The demo's people: whose tokens `npm run token` prints for a newcomer. */
export const DEMO_USERS = [
  { sub: 'kpp-1', role: 'KPP', what: 'a КПП: GET /api/v1/queues/kpp/kpp-1' },
  { sub: 'pm-1', role: 'PM', what: 'a ПМ: GET /api/v1/queues/pm/pm-1' },
  { sub: 'rkpp-1', role: 'RKPP', what: 'the auditor: GET /api/v1/reports/audit-sample?from=…&to=…' },
  { sub: 'analyst-1', role: 'ANALYST', what: 'an analyst: GET /api/v1/reports/call-funnel?from=…&to=…' },
  { sub: 'ros-1', role: 'ROS', what: 'РОС: every client and report of the РИЦ' },
] as const;

/**
 * `DEMO=1 npm start`: when the event store is empty, a small РИЦ (300 clients, 12 weeks ending
 * yesterday) made by the simulator, so that planners and reports show something at once.
 * Returns false when the store already holds events (the demo never writes into real data).
 */
export async function seedDemo(runtime: LedgerRuntime, log: (line: string) => void): Promise<boolean> {
  if ((await runtime.store.headPosition()) !== null) {
    log('DEMO=1: the event store is not empty; no demo data added');
    return false;
  }
  const time = runtime.businessTime(DEMO_RIC);
  const today = time.dateOf(runtime.clock.now());
  const first = addDays(today, -DEMO_WEEKS * 7);
  // the Monday on or after the first day, so that the run ends yesterday at the latest
  const offset = (8 - new Date(`${first}T12:00:00Z`).getUTCDay()) % 7;
  const start = addDays(first, offset);
  log(`DEMO=1: simulating РИЦ ${DEMO_RIC}: ${DEMO_CLIENTS} clients from ${start} to ${addDays(today, -1)}…`);
  const figures = await runSimulation(runtime, {
    ric: DEMO_RIC,
    clients: DEMO_CLIENTS,
    weeks: DEMO_WEEKS,
    seed: 1,
    start,
    until: addDays(today, -1),
  });
  log(
    `DEMO=1: ${figures.appended} events in ${(figures.totalMs / 1000).toFixed(1)} s. Tokens for its people:`,
  );
  for (const user of DEMO_USERS)
    log(`  npm run token -- --sub ${user.sub} --ric ${DEMO_RIC} --role ${user.role}   # ${user.what}`);
  return true;
}
