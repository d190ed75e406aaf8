import { randomUUID } from 'node:crypto';
import { v7 as uuidV7 } from 'uuid';
import {
  BusinessTime,
  ClientState,
  CommandContext,
  DecidedEvent,
  DomainError,
  RuleSettings,
  clientStreamId,
  foldClient,
} from '@ledger/domain';
import { consequencesTakingState, decideClientCommand, handleClientCommand } from '@ledger/workflows';
import {
  AppendResult,
  BatchRaceError,
  EventMetadata,
  EventStore,
  IdempotencyKeyTakenError,
  NewEvent,
  WrongExpectedVersionError,
  schemaVersionOf,
} from '@ledger/eventstore';
import { backoffDelayMs, sleep } from './backoff';
import { Clock } from './clock';
import { CachedState, StateCache } from './state-cache';
import { ClientCommandEnvelope, CommandAnswer } from './client-command';
import { KeyedQueue } from './keyed-queue';

/** Clients whose state stays in memory between commands (README: COMMAND_STATE_CACHE). */
export const DEFAULT_CACHED_STATES = 5_000;

const cachedAt = (result: { streamVersion: number; position: string }) => ({
  version: result.streamVersion,
  position: result.position,
});

/** Tries per command; in-process writers are queued, so only writers of other processes race. */
const MAX_ATTEMPTS = 12;

/**
 * Whose Idempotency-Keys a key belongs to: the caller (РИЦ and employee), so that two users of one
 * РИЦ who happen to pick the same key never get each other's answers.
 */
export const idempotencyScope = (ric: string, actorId: string): string => `${ric}/${actorId}`;

/**
 * The command path: load the client's stream, fold it, decide, append at the version we read.
 * Commands on one client are queued inside the process (ADR 0025), so they never race each other;
 * a writer that loses the race to another process re-reads after a jittered backoff and decides
 * again against the new state.
 */
export class ClientCommandService {
  private readonly queue = new KeyedQueue();
  private readonly cache: StateCache;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    /** The business calendar and time zone of a РИЦ. */
    private readonly businessTime: (ric: string) => BusinessTime,
    /** The rules' settings from configuration (cyclic weeks, necessity weights). */
    private readonly settings: Partial<RuleSettings> = {},
    /** How many clients' states to keep between commands (0: read every stream whole each time). */
    cachedStates = DEFAULT_CACHED_STATES,
  ) {
    this.cache = new StateCache(cachedStates);
  }

  execute(envelope: ClientCommandEnvelope): Promise<CommandAnswer> {
    const streamId = clientStreamId(envelope.ric, envelope.clientId);
    return this.queue.run(streamId, () => this.executeNow(streamId, envelope));
  }

  /**
   * Decides on the cached state when there is one and lets the append's expected version verify it
   * (issue 13: no read of the stream per command); a conflict re-reads what the cache lacks. A
   * refusal or a command that changes nothing is answered only on a state read from the store, as the
   * cache may be behind another process's writes. A keyed command records its key with its events in
   * the one append; the key's stored answer is looked up only when that key turns out taken, when
   * the command is refused, or when it would append nothing (a repeat of a command already applied).
   */
  private async executeNow(streamId: string, envelope: ClientCommandEnvelope): Promise<CommandAnswer> {
    const causationId = randomUUID();
    const correlationId = envelope.correlationId ?? causationId;
    let trustCache = true;
    let backOff = false;
    for (let attempt = 1; ; attempt++) {
      if (backOff) await sleep(backoffDelayMs(attempt - 1));
      if (attempt > 1) {
        // The writer we lost to may have been this very command, sent twice under one key.
        const replayedNow = await this.replayIdempotent(envelope);
        if (replayedNow) return replayedNow;
      }
      const context = this.contextFor(envelope);
      let loaded = await this.load(streamId, trustCache);
      let outcome = decideOn(envelope, loaded, context);
      if (!loaded.verified && ('refused' in outcome || outcome.events.length === 0)) {
        if (outcome.spent) this.cache.delete(streamId);
        loaded = await this.load(streamId, false);
        outcome = decideOn(envelope, loaded, context);
      }
      const verified = loaded.verified;
      trustCache = false;
      // the cached state was given to the decision: unless the append succeeds, it is no more
      if (outcome.spent) this.cache.delete(streamId);
      if ('refused' in outcome) {
        // The same keyed command may have committed before: its answer, or 409 for another request.
        const replayedNow =
          outcome.refused instanceof DomainError ? await this.replayIdempotent(envelope) : null;
        if (replayedNow) return replayedNow;
        throw outcome.refused;
      }
      const { events: decided, state: after } = outcome;
      if (decided.length === 0) {
        const replayedNow = await this.replayIdempotent(envelope);
        if (replayedNow) return replayedNow;
        return { ...envelope.answer, streamVersion: loaded.version, position: loaded.position, appended: 0 };
      }
      const events = decided.map((e) => toNewEvent(e, context, correlationId, causationId));
      try {
        const result = await this.store.append(streamId, events, {
          expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
          ...(envelope.idempotency
            ? {
                idempotency: {
                  scope: idempotencyScope(envelope.ric, envelope.actor.id),
                  key: envelope.idempotency.key,
                  requestHash: envelope.idempotency.requestHash,
                  response: { ...envelope.answer },
                },
              }
            : {}),
        });
        // the workflows' state after the decided events is the state after this append
        this.cache.set(streamId, { state: after, ...cachedAt(result) });
        return { ...envelope.answer, ...result, appended: events.length };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < MAX_ATTEMPTS) {
          // A cached state another process had moved past is no race: read on at once. Losing on a
          // state just read is one: back off, so the writers spread out.
          backOff = verified;
          continue;
        }
        if (error instanceof IdempotencyKeyTakenError) {
          const again = await this.replayIdempotent(envelope);
          if (again) return again;
          // Taken by a writer still at work (a store without transactions reserves the key first):
          // wait for its answer.
          backOff = true;
          if (attempt < MAX_ATTEMPTS) continue;
        }
        throw error;
      }
    }
  }

  /**
   * The client's state: the cached one as it is (`trustCache`: the append will verify it), or that
   * one folded on by the events after it, or the whole stream.
   */
  private async load(streamId: string, trustCache: boolean): Promise<CachedState & { verified: boolean }> {
    const cached = this.cache.get(streamId);
    if (cached && trustCache) return { ...cached, verified: false };
    const events = await this.store.readStream(streamId, cached ? { fromVersion: cached.version + 1 } : {});
    const last = events[events.length - 1];
    const loaded: CachedState = {
      state: foldClient(events, cached?.state),
      version: last?.streamVersion ?? cached?.version ?? 0,
      position: last?.position ?? cached?.position ?? '0',
    };
    if (last) this.cache.set(streamId, loaded);
    return { ...loaded, verified: true };
  }

  private contextFor(envelope: ClientCommandEnvelope): CommandContext {
    return {
      ric: envelope.ric,
      actor: envelope.actor,
      now: envelope.now ?? this.clock.now(),
      time: this.businessTime(envelope.ric),
      // time-ordered ids: the event store's unique index grows at its end (ADR 0106)
      newEventId: uuidV7,
      settings: this.settings,
    };
  }

  /**
   * A batch of commands on different clients (a weekly import, ADR 0045): their streams read in one
   * query and their events appended in one transaction, so the batch pays one commit instead of one
   * per command. Each command is decided exactly as `execute` decides it, in its client's queue; a
   * refusal is answered in its place (the others still run). Commands with an Idempotency-Key, two
   * commands on one client, or a store without batch operations run one by one; so does a command
   * whose client another process changed meanwhile.
   */
  async executeMany(envelopes: ClientCommandEnvelope[]): Promise<Array<CommandAnswer | DomainError>> {
    const streamIds = envelopes.map((e) => clientStreamId(e.ric, e.clientId));
    const oneByOne = async (i: number) => {
      try {
        return await this.executeNow(streamIds[i]!, envelopes[i]!);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    };
    const readStreams = this.store.readStreams?.bind(this.store);
    const appendMany = this.store.appendMany?.bind(this.store);
    if (
      !readStreams ||
      !appendMany ||
      envelopes.some((e) => e.idempotency) ||
      new Set(streamIds).size !== streamIds.length
    ) {
      const answers: Array<CommandAnswer | DomainError> = [];
      for (const [i, streamId] of streamIds.entries())
        answers.push(await this.queue.run(streamId, () => oneByOne(i)));
      return answers;
    }
    return this.queue.runAll(streamIds, async () => {
      const histories = await readStreams(streamIds);
      const answers: Array<CommandAnswer | DomainError | null> = [];
      const appends: Array<{
        at: number;
        streamId: string;
        events: NewEvent[];
        expectedVersion: number | 'no_stream';
      }> = [];
      for (const [i, envelope] of envelopes.entries()) {
        const history = histories.get(streamIds[i]!) ?? [];
        const context = this.contextFor(envelope);
        let decided: DecidedEvent[];
        try {
          decided = handleClientCommand(envelope.command, foldClient(history), context);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          answers.push(error);
          continue;
        }
        const last = history[history.length - 1];
        if (decided.length === 0) {
          answers.push({
            ...envelope.answer,
            streamVersion: last?.streamVersion ?? 0,
            position: last?.position ?? '0',
            appended: 0,
          });
          continue;
        }
        const causationId = randomUUID();
        const correlationId = envelope.correlationId ?? causationId;
        appends.push({
          at: i,
          streamId: streamIds[i]!,
          events: decided.map((e) => toNewEvent(e, context, correlationId, causationId)),
          expectedVersion: last ? last.streamVersion : 'no_stream',
        });
        answers.push(null);
      }
      let appended: Array<AppendResult | 'conflict'>;
      try {
        appended = await appendMany(appends);
      } catch (error) {
        if (!(error instanceof BatchRaceError)) throw error;
        appended = appends.map(() => 'conflict' as const);
      }
      for (const [k, result] of appended.entries()) {
        const { at, events, streamId } = appends[k]!;
        // a cached state of this client is now behind: `execute` decides on cached states unread
        if (result !== 'conflict') this.cache.delete(streamId);
        // another process wrote this client meanwhile: decide again on its new state, with retries
        answers[at] =
          result === 'conflict'
            ? await oneByOne(at)
            : { ...envelopes[at]!.answer, ...result, appended: events.length };
      }
      return answers as Array<CommandAnswer | DomainError>;
    });
  }

  /** A repeat of a command under the same key gets the first answer; a different request, 409. */
  private async replayIdempotent(envelope: ClientCommandEnvelope): Promise<CommandAnswer | null> {
    if (!envelope.idempotency) return null;
    const stored = await this.store.findIdempotentAnswer(
      idempotencyScope(envelope.ric, envelope.actor.id),
      envelope.idempotency.key,
    );
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

/**
 * The command decided on a loaded state: its events and the state after them, or its refusal. The
 * loaded state is the cache's: once the decision has events, their evolve extends its id maps in
 * place (`consequencesTakingState`), so it is `spent`: the caller replaces or drops the entry.
 */
function decideOn(
  envelope: ClientCommandEnvelope,
  loaded: CachedState,
  context: CommandContext,
): { events: DecidedEvent[]; state: ClientState; spent: boolean } | { refused: unknown; spent: boolean } {
  let decided: DecidedEvent[];
  try {
    decided = decideClientCommand(envelope.command, loaded.state, context);
  } catch (refused) {
    return { refused, spent: false };
  }
  if (decided.length === 0) return { events: [], state: loaded.state, spent: false };
  try {
    return { ...consequencesTakingState(loaded.state, decided, context), spent: true };
  } catch (refused) {
    return { refused, spent: true };
  }
}

export const toNewEvent = (
  decided: DecidedEvent,
  context: CommandContext,
  correlationId: string,
  causationId: string,
  // the command's instant as text: a caller mapping a command's events formats it once (issue 13)
  now: string = context.now.toISOString(),
): NewEvent => {
  const { type, data, occurredAt, rule, evidence, eventId } = decided;
  // an event that follows from another (a consequence, a deadline firing) names it; the rest, the command
  const metadata: EventMetadata = {
    eventId,
    ric: context.ric,
    actor: context.actor,
    occurredAt: occurredAt ?? now,
    recordedAt: now,
    correlationId,
    causationId: decided.causationId ?? causationId,
    // the shape this build writes the type in (upcasting/ in the event store)
    schemaVersion: schemaVersionOf(type),
  };
  // set after the rest (same keys in the same order as spreading them): no throwaway objects
  if (rule) metadata.rule = rule;
  if (evidence) metadata.evidence = evidence;
  return { type, data, metadata };
};
