import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux everywhere we run). */
const TICKS_PER_SECOND = 100;

/** utime + stime (and, with `children`, the reaped children's cutime + cstime) of one process, in ticks. */
function ticks(pid: number, children: boolean): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command's name (which may hold spaces): utime, stime, cutime, cstime are 12th–15th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return children ? own + Number(fields[13]) + Number(fields[14]) : own;
}

/**
 * CPU seconds the embedded PostgreSQL has used so far: the postmaster, the backends and helpers
 * running now, and those that have ended (the postmaster waits for them, so their time is in its
 * children's counters). Null where it cannot be read (another database, or not Linux): the
 * simulator then prints Node's CPU alone.
 */
export function serverCpuSeconds(postmaster: number | null | undefined): number | null {
  if (!postmaster) return null;
  try {
    let total = ticks(postmaster, true);
    const kids = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim();
    for (const kid of kids ? kids.split(/\s+/) : []) {
      try {
        total += ticks(Number(kid), false);
      } catch {
        // ended between the listing and the read: its time shows in the postmaster's next reading
      }
    }
    return total / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
