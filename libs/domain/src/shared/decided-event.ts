import type { ClientEvent } from '../client/events';
import type { RuleCode } from '../decisions/explain';

/** An event as decided; the application adds the rest of the metadata. */
export type DecidedEvent = ClientEvent & {
  /** Given by the decider (from the context's id source) so that other events can cite it as evidence. */
  eventId: string;
  /** Business time, when not the command's `now` (a call logged after the fact, a deadline's due time). */
  occurredAt?: string;
  /** For automatic events: the rule that fired and the ids of the events that made it fire. */
  rule?: RuleCode;
  evidence?: string[];
  /** The event this one follows from (a consequence, a deadline firing); absent: the command caused it. */
  causationId?: string;
};

/** `rule` and `evidence` of an automatic event. */
export const because = (rule: RuleCode, evidence: string[]) => ({ rule, evidence });
