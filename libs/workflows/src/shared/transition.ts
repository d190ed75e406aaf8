import { AnyStateMachine, StateValue, transition } from 'xstate';

/** An action a machine's transition answered: all a workflow reads of it (`eventsOf`). */
export interface MachineAction {
  readonly type: string;
  readonly params?: unknown;
}

/** What a machine answers to a signal in a state: whether it takes it at all, and the actions. */
export interface TransitionAnswer {
  /** `snapshot.can(event)`: some transition is enabled for it. */
  readonly taken: boolean;
  readonly actions: readonly MachineAction[];
}

/** Answers kept per machine before the memory is emptied (the keys are few: states × signals). */
const KEPT_PER_MACHINE = 1_000;
const answers = new WeakMap<AnyStateMachine, Map<string, TransitionAnswer>>();

/**
 * What `machine` answers to `event` in the state `value` with `context` — `snapshot.can(event)` and
 * the actions of `transition(machine, snapshot, event)` for `snapshot = machine.resolveState(…)` —
 * remembered. Our machines are pure (actions are no-ops, guards read only the context and the
 * event), so the answer depends on nothing else; building inert actors per transition was ~15 % of
 * a simulated year's CPU (issue 13). The key is the JSON of the three: for plain data, equal JSON
 * means the guards see equal values. The answers are frozen: they are shared between callers.
 */
export function machineAnswer<E extends { type: string }>(
  machine: AnyStateMachine,
  value: StateValue,
  context: Record<string, unknown>,
  event: E,
): TransitionAnswer {
  let known = answers.get(machine);
  if (!known) answers.set(machine, (known = new Map()));
  const key = JSON.stringify([value, context, event]);
  let answer = known.get(key);
  if (answer === undefined) {
    const snapshot = machine.resolveState({ value, context });
    const [, actions] = transition(machine, snapshot, event);
    answer = Object.freeze({
      taken: snapshot.can(event),
      actions: Object.freeze(actions.map((a) => Object.freeze({ type: a.type, params: a.params }))),
    });
    if (known.size >= KEPT_PER_MACHINE) known.clear();
    known.set(key, answer);
  }
  return answer;
}

/** The actions of `machineAnswer`: what the workflows turn into events. */
export const transitionActions = <E extends { type: string }>(
  machine: AnyStateMachine,
  value: StateValue,
  context: Record<string, unknown>,
  event: E,
): readonly MachineAction[] => machineAnswer(machine, value, context, event).actions;
