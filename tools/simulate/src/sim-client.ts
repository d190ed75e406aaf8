import { toNewEvent } from '@ledger/application';
import {
  Actor,
  BusinessTime,
  ClientCommand,
  ClientState,
  DecidedEvent,
  DomainError,
  RegisteredClient,
  RuleSettings,
  initialClientState,
} from '@ledger/domain';
import type { NewEvent } from '@ledger/eventstore';
import { consequencesAndState, decideClientCommand } from '@ledger/workflows';
import { Random } from './prng';

export const SCHEDULER: Actor = { id: 'scheduler', role: 'SYSTEM' };

/** What every simulated client shares: the РИЦ, its business time, the rules' settings. */
export interface World {
  ric: string;
  time: BusinessTime;
  settings: Partial<RuleSettings>;
  /** Refusals by rule code (a refused command appends nothing, as on the command path). */
  refusals: Map<string, number>;
}

export type PayerKind = 'prompt' | 'promiser' | 'slipping';
export type Segment = 'red' | 'blue' | 'yellow' | 'green';

/**
 * One client of the simulated РИЦ: its state as the command path folds it, and the events its
 * commands produced that are not stored yet. Every event comes from the decision the service makes
 * for a command (`decideClientCommand`, then the workflows' consequences: `runClientCommand` in two
 * steps), with the actor and instant of the command.
 */
export class SimClient {
  state: ClientState = initialClientState;
  /** Events stored so far (the expected version of the next append). */
  storedVersion = 0;
  pending: NewEvent[] = [];
  /** Payments the client will make: business date → amount in roubles. */
  readonly payments = new Map<string, number>();
  paymentSeq = 0;
  promiseSeq = 0;
  contactSeq = 0;
  reviewSeq = 0;
  /** The day the client's payment contact was planned (one at a time). */
  paymentContact: string | null = null;
  /** When the client was last reached by phone. */
  lastReached = '';
  /** The business date of the client's last invoice. */
  lastInvoiceOn = '';
  /** The instant of the client's last command: a client's recorded times never go back. */
  private lastAt = 0;

  /** The deadlines last looked through, and the earliest of them (the first listed of equals). */
  private scanned: { deadlines: RegisteredClient['deadlines']; due: Due | null } | null = null;

  constructor(
    readonly world: World,
    readonly clientId: string,
    readonly rng: Random,
    readonly payer: PayerKind,
    public segment: Segment,
    readonly loginsKnown: boolean,
  ) {}

  get registered(): RegisteredClient | null {
    return this.state.status === 'registered' ? this.state : null;
  }

  /**
   * Decides a command on the client's state as the command path does; a refusal appends nothing and
   * is counted. Returns the events appended (0 when refused or when nothing followed).
   */
  run(command: ClientCommand, actor: Actor, at: Date): number {
    const now = at.getTime() < this.lastAt ? new Date(this.lastAt) : at;
    this.lastAt = now.getTime();
    // what the scheduler would have fired by now fires first
    if (command.type !== 'FireDeadline') this.fireDue(now);
    const context = {
      ric: this.world.ric,
      actor,
      now,
      time: this.world.time,
      newEventId: () => this.rng.uuidV7(now.getTime()),
      settings: this.world.settings,
    };
    let decided: DecidedEvent[];
    try {
      decided = decideClientCommand(command, this.state, context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refused(command, error);
      return 0;
    }
    // nothing decided: the state stays as it was (the command path keeps its cached state too)
    if (decided.length === 0) return 0;
    let events: DecidedEvent[];
    try {
      ({ events, state: this.state } = consequencesAndState(this.state, decided, context));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refused(command, error);
      return 0;
    }
    const causationId = this.rng.uuid();
    const nowText = isoText(now);
    for (const event of events)
      this.pending.push(toNewEvent(event, context, causationId, causationId, nowText));
    return events.length;
  }

  private refused(command: ClientCommand, error: DomainError): void {
    const code = `${command.type}: ${error.rule}`;
    this.world.refusals.set(code, (this.world.refusals.get(code) ?? 0) + 1);
  }

  /** Fires every deadline due by `now`, earliest first, as the scheduler does (FireDeadline, SYSTEM). */
  fireDue(now: Date): void {
    // deadlines' instants are ISO strings of one form: they compare as text in time order
    const at = isoText(now);
    for (let round = 0; round < 100; round++) {
      const client = this.registered;
      if (!client) return;
      const due = this.earliestDeadline(client.deadlines);
      if (due === null || due.dueAt > at) return;
      this.run({ type: 'FireDeadline', deadlineId: due.deadlineId }, SCHEDULER, now);
    }
  }

  /**
   * The earliest deadline, remembered per deadlines object: a state's deadlines are never changed
   * once decided (the next command's clone copies them), so a client whose state did not move since
   * is not looked through again — every client is asked every day and before every command.
   */
  private earliestDeadline(deadlines: RegisteredClient['deadlines']): Due | null {
    if (this.scanned?.deadlines === deadlines) return this.scanned.due;
    let due: Due | null = null;
    for (const deadlineId in deadlines) {
      const dueAt = deadlines[deadlineId]!.dueAt;
      if (due === null || dueAt < due.dueAt) due = { deadlineId, dueAt };
    }
    this.scanned = { deadlines, due };
    return due;
  }
}

interface Due {
  deadlineId: string;
  dueAt: string;
}

let lastInstant = NaN;
let lastText = '';
/**
 * `instant.toISOString()`, the last answer remembered: each day every client asks for midnight, and
 * a client's commands often share their instant (formatting was ~1.5 % of a simulated year's CPU).
 */
function isoText(instant: Date): string {
  const time = instant.getTime();
  if (time !== lastInstant) {
    lastText = instant.toISOString();
    lastInstant = time;
  }
  return lastText;
}
