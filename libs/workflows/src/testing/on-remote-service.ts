import type { Actor, RegisterClient, UsageObservation } from '@ledger/domain';
import { ClientSimulation } from './simulation';

const ROS: Actor = { id: 'ros-1', role: 'ROS' };

/**
 * A client taken through the three transfer steps at `start`: active, with what fell due then
 * (its first planned contact, the ПМ's monthly and half-yearly work) already fired.
 */
export function onRemoteService(start: string, extra: Partial<RegisterClient> = {}): ClientSimulation {
  const sim = ClientSimulation.registered(start, 10000, extra);
  for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const) {
    sim.run({ type: 'RecordTransferStep', step }, ROS);
  }
  sim.at(start);
  return sim;
}

/** A week of usage that fails no criterion of [003]. */
export const healthyUsage = (weekStart: string): UsageObservation => ({
  weekStart,
  logins: 12,
  portalRequests: 3,
  hotlineRequests: 1,
  trainedShare: 0.9,
  webinars: 1,
  newsletterClicks: 2,
  videoClicks: 1,
  updatesInstalled: true,
  renewalPeriodStarted: false,
  unreturnedActs: 0,
  competitor: 'no',
});
