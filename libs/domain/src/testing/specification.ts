import { DomainError } from '../shared/domain-error';
import type { Actor } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import type { ClientEvent } from '../client/events';
import { ClientState, initialClientState } from '../client/state';
import { evolve } from '../client/evolve';
import { contextAt } from './fixtures';

/** A past event of the given history: the event, and optionally when it happened. */
export type GivenEvent = ClientEvent & { occurredAt?: string };

export interface When<C> {
  /** The events decided, compared whole (event ids are e1, e2, … of the command's context). */
  then(expected: ReadonlyArray<Partial<DecidedEvent>>): void;
  /** Refused with this rule code (and nothing decided). */
  thenRefused(rule: string, kind?: DomainError['kind']): void;
  /** The events decided, for assertions of one's own. */
  events(): DecidedEvent[];
  readonly command: C;
}

/**
 * Given these events, when this command by this actor at this instant, then these events — or a
 * refusal with its rule code. A specification of a decider reads as its table in SPEC.md.
 */
export function specification<C>(
  decide: (command: C, state: ClientState, context: ReturnType<typeof contextAt>) => DecidedEvent[],
) {
  return (...history: GivenEvent[]) => ({
    when(command: C, by: { actor?: Actor; at?: string } = {}): When<C> {
      const at = by.at ?? '2026-03-02T09:00:00Z';
      let state = initialClientState;
      history.forEach((event, i) => {
        state = evolve(state, event, { eventId: `h${i + 1}`, occurredAt: event.occurredAt ?? at });
      });
      const run = () => decide(command, state, contextAt(at, by.actor));
      return {
        command,
        events: run,
        then(expected) {
          expect(run()).toEqual(expected.map((e) => expect.objectContaining(e)));
        },
        thenRefused(rule, kind) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).rule).toBe(rule);
          if (kind) expect((error as DomainError).kind).toBe(kind);
        },
      };
    },
  });
}
