import type { BusinessTime } from './business-time';
import type { RuleSettings } from './settings';

/** Roles of the people who use the ledger (SPEC §1). */
export const ROLES = ['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who issued a command: a person with a role, or the system applying a rule. */
export interface Actor {
  id: string;
  role: Role | 'SYSTEM';
}

/** Everything a decision may depend on besides the state: never read a clock inside a decider. */
export interface CommandContext {
  ric: string;
  actor: Actor;
  now: Date;
  /** The РИЦ's business dates and working days. */
  time: BusinessTime;
  /** Ids for the events decided, so that later events can cite them as evidence. */
  newEventId: () => string;
  /** What a РИЦ configures (cyclic weeks, indicator weights); defaults where absent. */
  settings?: Partial<RuleSettings>;
}
