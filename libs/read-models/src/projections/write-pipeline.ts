/**
 * Writes a projection sends while it goes on folding (ADR 0070, fourth pass). A catch-up batch of
 * 100,000 events is folded in Node for seconds, synchronously; writing its rows only at the end left
 * the server idle during the fold and Node idle during the writes. A projection whose rows of one
 * client never meet another client's (every key holds the client) writes them in parts as the fold
 * goes: part k is written by the server while Node folds part k+1. The rows are the same: each
 * client's rows are complete in the part it is folded in, and the parts touch disjoint keys.
 *
 * The writes go one after another (one connection never has two statements in flight), and all are
 * waited for, failed or not, before `settle` answers: none may run after the transaction ends.
 */
export class WritePipeline {
  private last: Promise<unknown> = Promise.resolve();
  private readonly sent: Promise<unknown>[] = [];
  private folded = 0;
  private failure: { error: unknown } | null = null;

  /** `partEvents`: the events folded between two parts (a live batch of 500 stays one part). */
  constructor(private readonly partEvents = CATCH_UP_PART_EVENTS) {}

  /** Queues a write after those before it; after a failed one, none is sent. */
  send(write: () => Promise<unknown>): void {
    const sent = this.last.then(() => {
      if (this.failure) throw this.failure.error;
      return write();
    });
    this.last = sent.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.sent.push(sent);
  }

  /**
   * Runs the fold and waits for every write it sent, failed or not, before answering — also when
   * the fold itself throws: no statement may reach the connection after the transaction's rollback.
   */
  async around(fold: () => Promise<void>): Promise<void> {
    try {
      await fold();
    } catch (error) {
      await Promise.allSettled(this.sent);
      throw error;
    }
    await this.settle();
  }

  /**
   * Before folding `events` more: once a part's worth is folded, `flush` queues that part's writes
   * and the fold yields once, so that they reach the server before it folds on (a synchronous fold
   * would otherwise hold them back until it ends).
   */
  async beforeFold(events: number, flush: () => void): Promise<void> {
    if (this.folded >= this.partEvents) {
      this.folded = 0;
      flush();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.folded += events;
  }

  /** Waits for every write sent; throws the first failure. */
  private async settle(): Promise<void> {
    const outcomes = await Promise.allSettled(this.sent);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** Events folded per part of a batch's writes: a catch-up batch is written in about ten parts. */
export const CATCH_UP_PART_EVENTS = 10_000;
