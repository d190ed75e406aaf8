import { isDatabaseUnavailable } from './database-errors';

/** Logs a database outage once, and its end, instead of every failed tick (scheduler, projector). */
export function outageLog(log: (line: string) => void) {
  let down = false;
  return {
    failed(what: string, error: unknown): boolean {
      if (!isDatabaseUnavailable(error)) return false;
      if (!down)
        log(`database unavailable (${what}): ${error instanceof Error ? error.message : String(error)}`);
      down = true;
      return true;
    },
    succeeded(): void {
      if (down) log('database available again');
      down = false;
    },
  };
}
