import { BusinessTime, makeBusinessTime, WorkingDays } from '@ledger/domain';
import { LedgerConfig } from './config';

/** Business time per РИЦ: its zone (RIC_TIME_ZONES, else RIC_TIME_ZONE) and the production calendar. */
export function businessTimeSource(
  config: LedgerConfig,
  workingDays: WorkingDays = loadWorkingDays(config),
): (ric: string) => BusinessTime {
  const byRic = new Map<string, BusinessTime>();
  return (ric) => {
    let time = byRic.get(ric);
    if (!time) {
      time = makeBusinessTime(workingDays, config.ricTimeZones[ric] ?? config.defaultTimeZone);
      byRic.set(ric, time);
    }
    return time;
  };
}

function loadWorkingDays(_config: LedgerConfig): WorkingDays {
  throw new Error('calendar not wired yet');
}
