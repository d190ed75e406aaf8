import { AnyStateMachine, transition } from 'xstate';

/** An action a machine's transition answered: all a workflow reads of it (`eventsOf`). */
export interface MachineAction {
  readonly type: string;
  readonly params?: unknown;
}

/** Answers kept per machine before the memory is emptied (the keys are few: states × signals). */
const KEPT_PER_MACHINE = 1_000;
const answers = new WeakMap<AnyStateMachine, Map<string, readonly MachineAction[]>>();

/**
 * The actions of `machine` taking `event` in the state `value` with `context` — what
 * `transition(machine, machine.resolveState({ value, context }), event)` answers, remembered.
 * Our machines are pure (actions are no-ops, guards read only the context and the event), so the
 * answer depends on nothing else; building an inert actor per transition was ~15 % of a simulated
 * year's CPU (issue 13). The key is the JSON of the three: for plain data, equal JSON means the
 * guards see equal values. The actions are frozen: they are shared between callers.
 */
export function transitionActions<E extends { type: string }>(
  machine: AnyStateMachine,
  value: string,
  context: Record<string, unknown>,
  event: E,
): readonly MachineAction[] {
  let known = answers.get(machine);
  if (!known) answers.set(machine, (known = new Map()));
  const key = JSON.stringify([value, context, event]);
  let actions = known.get(key);
  if (actions === undefined) {
    const [, answered] = transition(machine, machine.resolveState({ value, context }), event);
    actions = Object.freeze(answered.map((a) => Object.freeze({ type: a.type, params: a.params })));
    if (known.size >= KEPT_PER_MACHINE) known.clear();
    known.set(key, actions);
  }
  return actions;
}
