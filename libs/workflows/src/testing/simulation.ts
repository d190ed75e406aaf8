import {
  Actor,
  BusinessTime,
  ClientCommand,
  ClientState,
  DecidedEvent,
  evolve,
  initialClientState,
  RegisterClient,
} from '@ledger/domain';
import { moscow } from '@ledger/domain/testing';
import { handleClientCommand } from '../client-workflow';

export type SimulatedEvent = DecidedEvent & { recordedAt: string; version: number };

/**
 * One client's stream in memory, driven as the service drives it: commands through the workflows,
 * and a clock that, when moved, fires every deadline due by then (as the scheduler does).
 */
export class ClientSimulation {
  readonly events: SimulatedEvent[] = [];
  state: ClientState = initialClientState;
  now: Date;
  private ids = 0;

  constructor(
    start: string,
    readonly time: BusinessTime = moscow,
  ) {
    this.now = new Date(start);
  }

  static registered(start: string, fee = 10000, extra: Partial<RegisterClient> = {}): ClientSimulation {
    const sim = new ClientSimulation(start);
    sim.run({
      type: 'RegisterClient',
      clientId: 'c-1',
      name: 'ООО «Ромашка»',
      monthlyFee: fee,
      category: 'B',
      kppId: 'kpp-1',
      pmId: 'pm-1',
      contactCadence: 'weekly',
      billingDay: 1,
      ...extra,
    });
    return sim;
  }

  /** Runs a command at the current time; answers the events it appended. */
  run(command: ClientCommand, actor: Actor = { id: 'ros-1', role: 'ROS' }): SimulatedEvent[] {
    const decided = handleClientCommand(command, this.state, {
      ric: '444',
      actor,
      now: this.now,
      time: this.time,
      newEventId: () => `e${++this.ids}`,
    });
    return decided.map((e) => this.append(e));
  }

  /** Moves the clock to `instant`, firing each deadline due by then in time order. */
  at(instant: string): SimulatedEvent[] {
    const target = new Date(instant);
    if (target < this.now) throw new Error(`the clock cannot go back to ${instant}`);
    this.now = target;
    const fired: SimulatedEvent[] = [];
    for (;;) {
      if (this.state.status !== 'registered') return fired;
      const due = Object.entries(this.state.deadlines)
        .filter(([, d]) => new Date(d.dueAt) <= target)
        .sort(([, a], [, b]) => a.dueAt.localeCompare(b.dueAt))[0];
      if (!due) return fired;
      fired.push(
        ...this.run({ type: 'FireDeadline', deadlineId: due[0] }, { id: 'scheduler', role: 'SYSTEM' }),
      );
    }
  }

  types(events: SimulatedEvent[] = this.events): string[] {
    return events.map((e) => e.type);
  }

  private append(event: DecidedEvent): SimulatedEvent {
    const recorded = { ...event, recordedAt: this.now.toISOString(), version: this.events.length + 1 };
    this.events.push(recorded);
    this.state = evolve(this.state, event, {
      eventId: event.eventId,
      occurredAt: event.occurredAt ?? this.now.toISOString(),
    });
    return recorded;
  }
}
