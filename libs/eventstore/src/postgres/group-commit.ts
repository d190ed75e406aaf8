import type { AppendRequest } from './group-append';

interface Waiting<T> {
  request: AppendRequest;
  done: (outcome: T) => void;
  fail: (error: unknown) => void;
}

/**
 * Gathers concurrent appends into groups that commit together (ADR 0065). No waiting on a timer: a
 * group starts on the next turn of the event loop while fewer than `maxInFlight` are running, so a
 * lone append waits for nobody; under load the appends that arrive while groups are committing form
 * the next group.
 *
 * A group holds each stream and each idempotency key at most once, and no stream or key of a group
 * still committing: a second append to a stream waits for the next group, where it sees the first
 * one's events (and its expected version is checked against them). So groups of this process never
 * race each other on a stream's next version or on a key.
 */
export class GroupCommitter<T> {
  private readonly queue: Array<Waiting<T>> = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private pumpScheduled = false;

  constructor(
    /** Answers one outcome per append, in order (a refused append is an outcome, not a throw). */
    private readonly commit: (group: AppendRequest[]) => Promise<T[]>,
    private readonly maxInFlight: number,
    private readonly maxGroupSize: number,
  ) {}

  submit(request: AppendRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ request, done: resolve, fail: reject });
      this.schedulePump();
    });
  }

  /**
   * Groups start one macrotask later: the appends submitted in this turn of the event loop — above
   * all by the callers the last group just answered, who come straight back — join the same group
   * instead of the first of them leaving alone.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight) {
      const group = this.take();
      if (group.length === 0) return;
      this.inFlight++;
      void this.run(group);
    }
  }

  private async run(group: Array<Waiting<T>>): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((w) => w.request));
      group.forEach((w, i) => w.done(outcomes[i]!));
    } catch (error) {
      for (const w of group) w.fail(error);
    } finally {
      for (const w of group) for (const name of claims(w.request)) this.busy.delete(name);
      this.inFlight--;
      this.schedulePump();
    }
  }

  /** The oldest waiting appends that touch no stream or key already taken; in arrival order. */
  private take(): Array<Waiting<T>> {
    const group: Array<Waiting<T>> = [];
    const passedOver = new Set<string>();
    for (let i = 0; i < this.queue.length && group.length < this.maxGroupSize;) {
      const names = claims(this.queue[i]!.request);
      if (names.some((n) => this.busy.has(n) || passedOver.has(n))) {
        // later appends to the same stream or key stay behind this one
        for (const n of names) passedOver.add(n);
        i++;
        continue;
      }
      for (const n of names) this.busy.add(n);
      group.push(this.queue.splice(i, 1)[0]!);
    }
    return group;
  }
}

const claims = (request: AppendRequest): string[] => {
  const key = request.options.idempotency;
  return key ? [`s:${request.streamId}`, `k:${key.scope}\u0000${key.key}`] : [`s:${request.streamId}`];
};
