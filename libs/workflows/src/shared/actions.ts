import type { CommandContext, DecidedEvent, RegisteredClient } from '@ledger/domain';

/** What a workflow reacts to: the client as the event left it, the event, and the command's context. */
export interface Step {
  client: RegisteredClient;
  event: DecidedEvent;
  context: CommandContext;
}

/** A workflow's consequences of one event: the events that follow from it. */
export type Consequences = (step: Step) => DecidedEvent[];

/**
 * From each action of a machine to the events it produces. Keyed by the machine's own action
 * names, so a renamed or added action breaks the build until its events are said.
 */
export type ActionEvents<A extends string, I> = {
  readonly [K in A]: (input: I, params: unknown) => DecidedEvent[];
};

/** The events of the actions a transition answered, in order; an action without events is a bug. */
export function eventsOf<A extends string, I>(
  actions: ReadonlyArray<{ type: string; params?: unknown }>,
  map: ActionEvents<A, I>,
  input: I,
): DecidedEvent[] {
  const out: DecidedEvent[] = [];
  for (const action of actions) {
    const produce = (map as Record<string, ActionEvents<A, I>[A] | undefined>)[action.type];
    if (!produce) throw new Error(`the machine's action ${action.type} produces no events`);
    out.push(...produce(input, action.params));
  }
  return out;
}

/** Machine actions do nothing by themselves: the workflow turns each into events. */
export const noop = (): undefined => undefined;
