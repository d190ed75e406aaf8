import {
  ClientCommand,
  ClientState,
  CommandContext,
  DecidedEvent,
  LIFECYCLE_COMMAND_TYPES,
  decide,
  cloneState,
  evolveOwned,
  requireRegistered,
  typeGuard,
} from '@ledger/domain';
import { Consequences } from './shared/actions';
import { promiseConsequences } from './payment-promise/workflow';
import { responsibilityConsequences } from './responsibility/workflow';
import { decideLifecycle } from './lifecycle/workflow';
import { engagementConsequences } from './engagement/workflow';
import { cadenceConsequences } from './contact-cadence/workflow';
import { pmWorkConsequences } from './pm-work/workflow';

const isLifecycleCommand = typeGuard(LIFECYCLE_COMMAND_TYPES);

/** Every workflow, asked in this order what follows from each event. */
const WORKFLOWS: readonly Consequences[] = [
  promiseConsequences,
  responsibilityConsequences,
  engagementConsequences,
  cadenceConsequences,
  pmWorkConsequences,
];

/**
 * The whole decision for a command: its events — decided by the domain, or for a lifecycle command
 * by the lifecycle machine — then whatever the workflows make follow from each, appended together.
 */
export function handleClientCommand(
  command: ClientCommand,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  return runClientCommand(command, state, context).events;
}

/** The command's events and the client's state after them (what the command path caches). */
export function runClientCommand(
  command: ClientCommand,
  state: ClientState,
  context: CommandContext,
): { events: DecidedEvent[]; state: ClientState } {
  return withConsequencesAndState(state, decideClientCommand(command, state, context), context);
}

/** The command's own events, before the workflows' consequences (reads `state`, never changes it). */
export function decideClientCommand(
  command: ClientCommand,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  return isLifecycleCommand(command)
    ? decideLifecycle(command, requireRegistered(state), context)
    : decide(command, state, context);
}

/**
 * The decided events with the workflows' consequences, and the state after them; `state` is left
 * as it was (a refused consequence leaves it usable). What `runClientCommand` does after deciding,
 * for a caller that decided first (the simulator: no copy at all when nothing was decided).
 */
export function consequencesAndState(
  state: ClientState,
  decided: DecidedEvent[],
  context: CommandContext,
): { events: DecidedEvent[]; state: ClientState } {
  return withConsequencesAndState(state, decided, context);
}

/**
 * The decided events with the workflows' consequences, and the state after them, taking `state`'s
 * growing id maps to extend in place (`cloneState(…, true)`): the caller gives `state` up, whether
 * this returns or throws. For the command path's cached state, replaced by the answer's state.
 */
export function consequencesTakingState(
  state: ClientState,
  decided: DecidedEvent[],
  context: CommandContext,
): { events: DecidedEvent[]; state: ClientState } {
  return withConsequencesAndState(state, decided, context, true);
}

/**
 * Feeds each event to the workflows; their events are fed in turn, until nothing more follows.
 * Each consequence names the event it follows from (`causationId`).
 */
export function withConsequences(
  state: ClientState,
  decided: DecidedEvent[],
  context: CommandContext,
): DecidedEvent[] {
  return withConsequencesAndState(state, decided, context).events;
}

function withConsequencesAndState(
  state: ClientState,
  decided: DecidedEvent[],
  context: CommandContext,
  takeIdMaps = false,
): { events: DecidedEvent[]; state: ClientState } {
  // the answer is the queue, first in first out: out[i] is the next event to feed (no shift)
  const out: DecidedEvent[] = [...decided];
  // one copy, then each event applied in place: a workflow reads the state only while it is asked
  let current = cloneState(state, takeIdMaps);
  let now: string | undefined; // the command's instant as text, made once (not per event)
  for (let i = 0; i < out.length; i++) {
    const event = out[i]!;
    current = evolveOwned(current, event, {
      eventId: event.eventId,
      occurredAt: event.occurredAt ?? (now ??= context.now.toISOString()),
    });
    if (current.status !== 'registered') continue;
    const step = { client: current, event, context };
    for (const workflow of WORKFLOWS) {
      for (const next of workflow(step))
        out.push(next.causationId ? next : { ...next, causationId: event.eventId });
    }
  }
  return { events: out, state: current };
}
