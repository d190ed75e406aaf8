/**
 * Runs tasks one at a time per key, in the order they arrive; tasks of different keys run side by
 * side. Holds an entry only while a key has work queued, so memory follows the number of keys busy
 * now, not the number ever seen.
 */
export class KeyedQueue {
  /** The last task queued for each busy key; the next one for that key starts when it settles. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    // A failed task must not fail the ones queued after it: they wait for it to settle, not succeed.
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      // Only the last task queued removes the entry; an earlier one would cut the queue short.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /**
   * Runs one task for several keys at once: it starts when the work queued before it on every one
   * of them has settled, and the keys' later tasks wait for it. It only ever waits for tasks queued
   * earlier, so two such tasks can never wait for each other.
   */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const before = Promise.allSettled(unique.map((key) => this.tails.get(key) ?? Promise.resolve()));
    const result = before.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
