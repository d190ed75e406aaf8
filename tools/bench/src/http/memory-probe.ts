import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/**
 * Preloaded into the benched service (`-r`, with --expose-gc): when the file BENCH_MEMORY_REPORT
 * names with `.request` appended appears, it collects garbage and writes the memory still held to
 * BENCH_MEMORY_REPORT (not on a signal: Nest's shutdown hooks take SIGUSR2 as a stop), so rounds can be
 * compared by what survives a full GC, not by what the collector has not got round to yet.
 * With BENCH_HTTP_HEAP_SNAPSHOTS=<dir> it also writes a heap snapshot there (to diff two rounds).
 */
export interface MemoryReport {
  /** Counts the reports, so the bench can tell a new one from the last. */
  seq: number;
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  mallocedMiB: number;
  snapshot?: string;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const reportFile = process.env.BENCH_MEMORY_REPORT;
const snapshots = process.env.BENCH_HTTP_HEAP_SNAPSHOTS;
let seq = 0;

const report = (file: string) => {
  const gc = (globalThis as { gc?: () => void }).gc;
  // twice: the first pass may only finalize what the second frees
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  const figures: MemoryReport = {
    seq: ++seq,
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    heapTotalMiB: mib(usage.heapTotal),
    externalMiB: mib(usage.external),
    arrayBuffersMiB: mib(usage.arrayBuffers),
    mallocedMiB: mib(getHeapStatistics().malloced_memory),
    ...(snapshots
      ? { snapshot: writeHeapSnapshot(join(snapshots, `service-${Date.now()}.heapsnapshot`)) }
      : {}),
  };
  // written aside and renamed: the bench never reads half a report
  writeFileSync(`${file}.tmp`, JSON.stringify(figures));
  renameSync(`${file}.tmp`, file);
};

// Preloaded into the service's worker threads as well (they inherit its flags). The main thread
// answers; a worker thread (the projector's) collects its own heap when a request appears, and the
// main thread reports a little later, so that RSS after GC is after both collections.
const WORKER_GC_GRACE_MS = 500;
if (reportFile && isMainThread) {
  let asked = false;
  // polled: cheap, and the timer does not keep the service alive
  setInterval(() => {
    if (asked || !existsSync(`${reportFile}.request`)) return;
    asked = true;
    setTimeout(() => {
      rmSync(`${reportFile}.request`, { force: true });
      asked = false;
      report(reportFile);
    }, WORKER_GC_GRACE_MS).unref();
  }, 100).unref();
} else if (reportFile) {
  let seen = 0;
  setInterval(() => {
    const request = `${reportFile}.request`;
    if (!existsSync(request)) return;
    const at = statSync(request, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (at === seen) return;
    seen = at;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
  }, 100).unref();
}
