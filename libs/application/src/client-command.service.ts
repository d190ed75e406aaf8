import { randomUUID } from 'node:crypto';
import {
  BusinessTime,
  CommandContext,
  DecidedEvent,
  DomainError,
  clientStreamId,
  foldClient,
} from '@ledger/domain';
import { handleClientCommand } from '@ledger/workflows';
import {
  EventStore,
  IdempotencyKeyTakenError,
  NewEvent,
  WrongExpectedVersionError,
  schemaVersionOf,
} from '@ledger/eventstore';
import { Clock } from './clock';
import { ClientCommandEnvelope, CommandAnswer } from './client-command';

const MAX_ATTEMPTS = 8;

/**
 * The command path: load the client's stream, fold it, decide, append at the version we read.
 * A writer that loses the race re-reads and decides again against the new state.
 */
export class ClientCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    /** The business calendar and time zone of a РИЦ. */
    private readonly businessTime: (ric: string) => BusinessTime,
  ) {}

  async execute(envelope: ClientCommandEnvelope): Promise<CommandAnswer> {
    const replayed = await this.replayIdempotent(envelope);
    if (replayed) return replayed;

    const streamId = clientStreamId(envelope.ric, envelope.clientId);
    const causationId = randomUUID();
    const correlationId = envelope.correlationId ?? causationId;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        // The writer we lost to may have been this very command, sent twice under one key.
        const replayedNow = await this.replayIdempotent(envelope);
        if (replayedNow) return replayedNow;
      }
      const history = await this.store.readStream(streamId);
      const state = foldClient(history);
      const context: CommandContext = {
        ric: envelope.ric,
        actor: envelope.actor,
        now: envelope.now ?? this.clock.now(),
        time: this.businessTime(envelope.ric),
        newEventId: randomUUID,
      };
      let decided;
      try {
        decided = handleClientCommand(envelope.command, state, context);
      } catch (error) {
        // The same keyed command may have committed between our key check and our read of the stream.
        const replayedNow = error instanceof DomainError ? await this.replayIdempotent(envelope) : null;
        if (replayedNow) return replayedNow;
        throw error;
      }
      if (decided.length === 0) {
        const last = history[history.length - 1];
        return {
          ...envelope.answer,
          streamVersion: last?.streamVersion ?? 0,
          position: last?.position ?? '0',
          appended: 0,
        };
      }
      const events = decided.map((e) => toNewEvent(e, context, correlationId, causationId));
      try {
        const result = await this.store.append(streamId, events, {
          expectedVersion: history.length === 0 ? 'no_stream' : history[history.length - 1]!.streamVersion,
          ...(envelope.idempotency
            ? {
                idempotency: {
                  scope: envelope.ric,
                  key: envelope.idempotency.key,
                  requestHash: envelope.idempotency.requestHash,
                  response: { ...envelope.answer },
                },
              }
            : {}),
        });
        return { ...envelope.answer, ...result, appended: events.length };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) continue;
        if (error instanceof IdempotencyKeyTakenError) {
          const again = await this.replayIdempotent(envelope);
          if (again) return again;
        }
        throw error;
      }
    }
  }

  /** A repeat of a command under the same key gets the first answer; a different request, 409. */
  private async replayIdempotent(envelope: ClientCommandEnvelope): Promise<CommandAnswer | null> {
    if (!envelope.idempotency) return null;
    const stored = await this.store.findIdempotentAnswer(envelope.ric, envelope.idempotency.key);
    if (!stored) return null;
    if (stored.requestHash !== envelope.idempotency.requestHash) {
      throw new DomainError(
        'idempotency_key_reused',
        `Idempotency-Key ${envelope.idempotency.key} was used for a different request`,
      );
    }
    // a repeat appends nothing
    return { ...stored.response, appended: 0 } as CommandAnswer;
  }
}

export const toNewEvent = (
  decided: DecidedEvent,
  context: CommandContext,
  correlationId: string,
  causationId: string,
): NewEvent => {
  const { type, data, occurredAt, rule, evidence, eventId } = decided;
  return {
    type,
    data,
    metadata: {
      eventId,
      ric: context.ric,
      actor: context.actor,
      occurredAt: occurredAt ?? context.now.toISOString(),
      recordedAt: context.now.toISOString(),
      correlationId,
      causationId,
      // the shape this build writes the type in (upcasting/ in the event store)
      schemaVersion: schemaVersionOf(type),
      ...(rule ? { rule } : {}),
      ...(evidence ? { evidence } : {}),
    },
  };
};
