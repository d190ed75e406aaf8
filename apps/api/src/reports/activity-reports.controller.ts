import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { ReportSources } from './report-base';
import { ReportQuery, answer, ratio, round } from './report-http';
import { PeriodQuery, SnapshotQuery } from './report-docs';
import { ReadResponses } from '../http/openapi-responses';
import { CALL_FUNNEL, COLLECTION, CONTACT_REASONS, WORKLOAD } from './report-schemas';

interface FunnelRow {
  employee_id: string;
  dials: number;
  connected: number;
  over: number;
  over_sum: number;
  short: number;
  short_sum: number;
}

/** A funnel of dials → connected → over 4 minutes, with mean lengths [001]. */
function funnel(row: Omit<FunnelRow, 'employee_id'>) {
  return {
    dials: row.dials,
    connected: row.connected,
    over4min: row.over,
    connectedShare: ratio(row.connected, row.dials),
    over4minShareOfDials: ratio(row.over, row.dials),
    over4minShareOfConnected: ratio(row.over, row.connected),
    avgOver4minSec: row.over > 0 ? round(row.over_sum / row.over, 1) : null,
    avg1to4minSec: row.short > 0 ? round(row.short_sum / row.short, 1) : null,
  };
}

/** Reports on the work done: calls, works by closing reason, collection, workload (SPEC §5). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ActivityReportsController {
  constructor(private readonly sources: ReportSources) {}

  /**
   * Call funnel [001] per employee and in total: a dial is an attempt; connected = `connected` and
   * `connected_with_login`; over 4 minutes = connected and longer than LONG_CALL_SECONDS (240).
   */
  @Get('call-funnel')
  @ReadResponses({
    operationId: 'getCallFunnelReport',
    ok: CALL_FUNNEL,
    csv: true,
    summary: 'Call funnel: dials, connected, over 4 minutes, per employee',
  })
  @PeriodQuery()
  async callFunnel(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to } = this.sources.period(caller, query);
    const { longCallSec, shortCallMinSec } = this.sources.settings;
    const rows = await this.sources.query<FunnelRow>(
      `SELECT employee_id, count(*)::int AS dials,
              count(*) FILTER (WHERE outcome IN ('connected', 'connected_with_login'))::int AS connected,
              count(*) FILTER (WHERE outcome IN ('connected', 'connected_with_login') AND duration_sec > $5)::int AS over,
              coalesce(sum(duration_sec) FILTER (WHERE outcome IN ('connected', 'connected_with_login') AND duration_sec > $5), 0)::float8 AS over_sum,
              count(*) FILTER (WHERE outcome IN ('connected', 'connected_with_login') AND duration_sec BETWEEN $6 AND $5)::int AS short,
              coalesce(sum(duration_sec) FILTER (WHERE outcome IN ('connected', 'connected_with_login') AND duration_sec BETWEEN $6 AND $5), 0)::float8 AS short_sum
       FROM rm_report_attempts
       WHERE ric = $1 AND occurred_on BETWEEN $2 AND $3 AND ($4::text IS NULL OR employee_id = $4)
       GROUP BY employee_id ORDER BY employee_id`,
      [caller.ric, from, to, query.employeeId ?? null, longCallSec, shortCallMinSec],
    );
    const total = rows.reduce(
      (t, r) => ({
        dials: t.dials + r.dials,
        connected: t.connected + r.connected,
        over: t.over + r.over,
        over_sum: t.over_sum + r.over_sum,
        short: t.short + r.short,
        short_sum: t.short_sum + r.short_sum,
      }),
      { dials: 0, connected: 0, over: 0, over_sum: 0, short: 0, short_sum: 0 },
    );
    const byEmployee = rows.map((r) => ({ employeeId: r.employee_id, ...funnel(r) }));
    const totals = { employeeId: '', ...funnel(total) };
    answer(res, query, 'call-funnel', { from, to, longCallSec, ...funnel(total), byEmployee }, [
      totals,
      ...byEmployee,
    ]);
  }

  /**
   * Works by closing reason [004] («Отчёт по контактам с клиентами»): works closed in the period,
   * instruments planned and used, deviation = planned − used (377 − 430 = −53), clients.
   */
  @Get('contact-reasons')
  @ReadResponses({
    operationId: 'getContactReasonsReport',
    ok: CONTACT_REASONS,
    csv: true,
    summary: 'Works by closing reason: instruments planned and used',
  })
  @PeriodQuery()
  async contactReasons(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to } = this.sources.period(caller, query);
    const rows = await this.sources.query<{
      closing_reason: string;
      contacts: number;
      planned: number;
      used: number;
      clients: number;
    }>(
      `SELECT closing_reason, count(*)::int AS contacts, coalesce(sum(instruments_planned), 0)::int AS planned,
              coalesce(sum(instruments_used), 0)::int AS used, count(DISTINCT client_id)::int AS clients
       FROM rm_report_contacts
       WHERE ric = $1 AND end_kind = 'closed' AND ended_on BETWEEN $2 AND $3 AND ($4::text IS NULL OR employee_id = $4)
       GROUP BY ROLLUP (closing_reason) ORDER BY closing_reason NULLS FIRST`,
      [caller.ric, from, to, query.employeeId ?? null],
    );
    const line = (r: (typeof rows)[number]) => ({
      contacts: r.contacts,
      instrumentsPlanned: r.planned,
      instrumentsUsed: r.used,
      deviation: r.planned - r.used,
      clients: r.clients,
    });
    const totalRow = rows.find((r) => r.closing_reason === null);
    const items = rows
      .filter((r) => r.closing_reason !== null)
      .map((r) => ({ closingReason: r.closing_reason, ...line(r) }));
    const total = totalRow
      ? line(totalRow)
      : { contacts: 0, instrumentsPlanned: 0, instrumentsUsed: 0, deviation: 0, clients: 0 };
    answer(res, query, 'contact-reasons', { from, to, items, total }, items);
  }

  /**
   * Collection completeness [004] per month of the agreed day: promised amount and count, kept and
   * broken, and what came in on time (at most the promised amount of each promise).
   */
  @Get('collection')
  @ReadResponses({
    operationId: 'getCollectionReport',
    ok: COLLECTION,
    csv: true,
    summary: 'Collection of promised payments per month',
  })
  @PeriodQuery()
  async collection(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to } = this.sources.period(caller, query);
    const rows = await this.sources.query<{
      month: string;
      promised: string;
      count: number;
      kept: number;
      broken: number;
      received: string;
    }>(
      `SELECT to_char(promised_on, 'YYYY-MM') AS month, sum(target) AS promised, count(*)::int AS count,
              count(*) FILTER (WHERE status = 'kept')::int AS kept, count(*) FILTER (WHERE status = 'broken')::int AS broken,
              sum(LEAST(paid_in_time, target)) AS received
       FROM rm_report_promises
       WHERE ric = $1 AND promised_on BETWEEN $2 AND $3 AND ($4::text IS NULL OR employee_id = $4)
       GROUP BY 1 ORDER BY 1`,
      [caller.ric, from, to, query.employeeId ?? null],
    );
    const items = rows.map((r) => ({
      month: r.month,
      promisedAmount: Number(r.promised),
      promisedCount: r.count,
      keptCount: r.kept,
      brokenCount: r.broken,
      receivedOnTimeAmount: Number(r.received),
      completeness: ratio(Number(r.received), Number(r.promised)),
    }));
    answer(res, query, 'collection', { from, to, items }, items);
  }

  /**
   * Workload [001] on the current assignment: a КПП's service points against 120, a ПМ's clients
   * against 144–192 (load against the upper bound). Clients that left remote service do not count.
   */
  @Get('workload')
  @ReadResponses({
    operationId: 'getWorkloadReport',
    ok: WORKLOAD,
    csv: true,
    summary: 'Workload against the norms',
  })
  @SnapshotQuery()
  async workload(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { date } = this.sources.day(caller, query);
    const norms = this.sources.settings.workload;
    const rows = await this.sources.query<{
      role: 'KPP' | 'PM';
      employee_id: string;
      clients: number;
      points: number;
    }>(
      `SELECT 'KPP' AS role, kpp_id AS employee_id, count(*)::int AS clients, sum(service_points)::int AS points
       FROM rm_report_clients WHERE ric = $1 AND lifecycle NOT IN ('left', 'returned_to_field_service') GROUP BY kpp_id
       UNION ALL
       SELECT 'PM', pm_id, count(*)::int, sum(service_points)::int
       FROM rm_report_clients WHERE ric = $1 AND lifecycle NOT IN ('left', 'returned_to_field_service') GROUP BY pm_id
       ORDER BY 1, 2`,
      [caller.ric],
    );
    const items = rows
      .filter((r) => !query.employeeId || r.employee_id === query.employeeId)
      .map((r) =>
        r.role === 'KPP'
          ? {
              employeeId: r.employee_id,
              role: r.role,
              clients: r.clients,
              servicePoints: r.points,
              norm: norms.kpp,
              normMin: norms.kpp,
              load: round(r.points / norms.kpp, 4),
            }
          : {
              employeeId: r.employee_id,
              role: r.role,
              clients: r.clients,
              servicePoints: r.points,
              norm: norms.pmMax,
              normMin: norms.pmMin,
              load: round(r.clients / norms.pmMax, 4),
            },
      );
    answer(res, query, 'workload', { date, items }, items);
  }
}
