import { Actor, ClientCommand } from '@ledger/domain';

/** A domain command with everything the command path needs around it. */
export interface ClientCommandEnvelope {
  ric: string;
  clientId: string;
  actor: Actor;
  command: ClientCommand;
  /** `Idempotency-Key` and a hash of the request it came with. */
  idempotency?: { key: string; requestHash: string };
  correlationId?: string;
  /** The service clock's time unless given (the scheduler fires at the clock it moved to). */
  now?: Date;
  /** Fields the answer carries besides streamVersion and position (e.g. a generated promiseId). */
  answer?: Record<string, unknown>;
}

export interface CommandAnswer {
  streamVersion: number;
  position: string;
  /** Events this execution appended (0 for a repeat or a command that changed nothing). */
  appended?: number;
  [field: string]: unknown;
}

/** The one command of the bus: every client command travels in it to the one handler. */
export class ExecuteClientCommand {
  constructor(readonly envelope: ClientCommandEnvelope) {}
}
