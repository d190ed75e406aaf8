import { join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';

/**
 * Preloaded into the benched service (`-r`, with --expose-gc): on a message from the bench over the
 * IPC channel it collects garbage and answers with the memory that is still held, so rounds can be
 * compared by what survives a full GC, not by what the collector has not got round to yet.
 * `{ snapshot: dir }` also writes a heap snapshot there (to diff two rounds in DevTools).
 */
export interface MemoryReport {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  mallocedMiB: number;
  snapshot?: string;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

if (process.send) {
  process.on('message', (message: { memory?: boolean; snapshot?: string }) => {
    if (!message?.memory) return;
    const gc = (globalThis as { gc?: () => void }).gc;
    // twice: the first pass may only finalize what the second frees
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    const report: MemoryReport = {
      rssMiB: mib(usage.rss),
      heapUsedMiB: mib(usage.heapUsed),
      heapTotalMiB: mib(usage.heapTotal),
      externalMiB: mib(usage.external),
      arrayBuffersMiB: mib(usage.arrayBuffers),
      mallocedMiB: mib(getHeapStatistics().malloced_memory),
      ...(message.snapshot
        ? { snapshot: writeHeapSnapshot(join(message.snapshot, `service-${Date.now()}.heapsnapshot`)) }
        : {}),
    };
    process.send!(report);
  });
  // the channel must not keep the service alive when it is told to stop
  process.channel?.unref();
}
