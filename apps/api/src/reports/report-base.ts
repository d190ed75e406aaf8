import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessTime, ReportSettings } from '@ledger/domain';
import { CLOCK, Clock } from '@ledger/application';
import type { LedgerRuntime } from '@ledger/platform';
import { BUSINESS_TIME, LEDGER_RUNTIME } from '../tokens';
import type { Caller } from '../auth/auth';
import { ReportQuery, period, snapshotDay } from './report-http';

/** What every report controller reads with: the read models, the clock, the calendar, the settings. */
@Injectable()
export class ReportSources {
  constructor(
    readonly readModels: DataSource,
    @Inject(CLOCK) readonly clock: Clock,
    @Inject(BUSINESS_TIME) readonly businessTime: (ric: string) => BusinessTime,
    @Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'config'>,
  ) {}

  get settings(): ReportSettings {
    return this.runtime.config.reports;
  }

  query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.readModels.query(sql, params);
  }

  /** The period of a period report and the instants it spans in the РИЦ's zone. */
  period(caller: Caller, query: ReportQuery) {
    const time = this.businessTime(caller.ric);
    const days = period(query, time, this.clock);
    return { ...days, start: time.startOfDay(days.from), end: time.endOfDay(days.to), time };
  }

  /** The day of a snapshot report and the instant it ends. */
  day(caller: Caller, query: ReportQuery) {
    const time = this.businessTime(caller.ric);
    const date = snapshotDay(query, time, this.clock);
    return { date, end: time.endOfDay(date), time };
  }
}
