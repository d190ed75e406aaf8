import { ClientView, DomainError, toClientView } from '@ledger/domain';
import { ClientSimulation } from './simulation';

/** An ISO instant from a Moscow wall-clock time, e.g. `MSK('2026-03-10T10:00:00')`. */
export const MSK = (local: string): string => new Date(`${local}+03:00`).toISOString();

export const ROS = { id: 'ros-1', role: 'ROS' } as const;
export const KPP = { id: 'kpp-1', role: 'KPP' } as const;
export const PM = { id: 'pm-1', role: 'PM' } as const;
export const SCHEDULER = { id: 'scheduler', role: 'SYSTEM' } as const;

/** The client's card as the API shows it. */
export const view = (sim: ClientSimulation): ClientView => toClientView(sim.state)!;

/** The events of one type, in order. */
export const only = <T extends { type: string }>(events: T[], type: string): T[] =>
  events.filter((e) => e.type === type);

/** The rule a command breaks, or `accepted`. */
export const ruleOf = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as DomainError).rule;
  }
};

/** A candidate registered on Monday 2 March 2026, 10:00 (weekly cadence, fee 10 000). */
export const candidate = (): ClientSimulation => ClientSimulation.registered(MSK('2026-03-02T10:00:00'));

/** An active client on remote service since 2 March 2026: the three transfer steps done at once. */
export function activeClient(): ClientSimulation {
  const sim = candidate();
  for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const) {
    sim.run({ type: 'RecordTransferStep', step }, ROS);
  }
  return sim;
}
