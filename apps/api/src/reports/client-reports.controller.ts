import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PortalDepartment, reactionHours, windowStart } from '@ledger/domain';
import { Caller, CurrentCaller } from '../auth/auth';
import { ReportSources } from './report-base';
import { ReportQuery, answer } from './report-http';
import { PeriodQuery, SnapshotQuery } from './report-docs';
import { ReadResponses } from '../http/openapi-responses';
import { COMPETITORS, DETERIORATION, TRIGGERS } from './report-schemas';

/** The same day `months` later, or the month's last day when it has none (31 Aug + 6 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

const DEPARTMENTS: PortalDepartment[] = ['accounting', 'legal', 'procurement'];

/** Per-client reports: the triggers [001], competitors and signs of deterioration [002]. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ClientReportsController {
  constructor(private readonly sources: ReportSources) {}

  /**
   * «Отчёт по триггерам» [001] as of `date`: windows of whole weeks (a week counts when its Monday
   * is in the window); logins no week knows are null; debt and subscribers are today's.
   */
  @Get('triggers')
  @ReadResponses({
    operationId: 'getTriggersReport',
    ok: TRIGGERS,
    csv: true,
    summary: 'Triggers per client',
  })
  @SnapshotQuery()
  async triggers(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { date } = this.sources.day(caller, query);
    const t = this.sources.settings.triggers;
    const starts = {
      portal: windowStart(date, t.portalDays),
      logins: windowStart(date, t.loginDays),
      rating: windowStart(date, t.ratingDays),
      works: windowStart(date, t.failedWorksDays),
      certificates: windowStart(date, t.certificateDays),
    };
    const rows = await this.sources.query<{
      client_id: string;
      kpp_id: string;
      debt_over_one_month: boolean;
      newsletter_subscribers: number;
      accounting: boolean | null;
      legal: boolean | null;
      procurement: boolean | null;
      logins: number | null;
      logins_known: number | null;
      rating: string | null;
      certificates: number | null;
      below_half: number | null;
      imported: string | null;
      diagnosed: string | null;
      failed: number | null;
    }>(
      // the short windows in one pass; certificates from the weeks that have some (a partial index);
      // the latest week's facts, the latest diagnosis and works by an index probe per client
      `WITH w AS (
         SELECT client_id,
           bool_or('accounting' = ANY(portal_departments)) FILTER (WHERE week_start >= $3) AS accounting,
           bool_or('legal' = ANY(portal_departments)) FILTER (WHERE week_start >= $3) AS legal,
           bool_or('procurement' = ANY(portal_departments)) FILTER (WHERE week_start >= $3) AS procurement,
           sum(logins) FILTER (WHERE week_start >= $4)::int AS logins,
           count(logins) FILTER (WHERE week_start >= $4)::int AS logins_known,
           min(portal_lowest_rating) FILTER (WHERE week_start >= $5) AS rating
         FROM rm_report_usage_weeks WHERE ric = $1 AND week_start BETWEEN $8 AND $2 GROUP BY client_id),
       s AS (
         SELECT client_id, sum(seminar_certificates)::int AS certificates FROM rm_report_usage_weeks
         WHERE ric = $1 AND seminar_certificates > 0 AND week_start BETWEEN $6 AND $2 GROUP BY client_id)
       SELECT c.client_id, c.kpp_id, c.debt_over_one_month, c.newsletter_subscribers, w.accounting, w.legal,
              w.procurement, w.logins, w.logins_known, w.rating, s.certificates, b.below_half, l.imported,
              d.competitor AS diagnosed, k.failed
       FROM rm_report_clients c
       LEFT JOIN w ON w.client_id = c.client_id
       LEFT JOIN s ON s.client_id = c.client_id
       LEFT JOIN LATERAL (SELECT competitor AS imported FROM rm_report_usage_weeks u
                          WHERE u.ric = c.ric AND u.client_id = c.client_id AND u.week_start <= $2
                          ORDER BY u.week_start DESC LIMIT 1) l ON true
       LEFT JOIN LATERAL (SELECT departments_trained_below_half AS below_half FROM rm_report_usage_weeks u
                          WHERE u.ric = c.ric AND u.client_id = c.client_id AND u.week_start <= $2
                            AND u.departments_trained_below_half IS NOT NULL
                          ORDER BY u.week_start DESC LIMIT 1) b ON true
       LEFT JOIN LATERAL (SELECT competitor FROM rm_report_competitor_diagnoses d
                          WHERE d.ric = c.ric AND d.client_id = c.client_id AND d.diagnosed_on <= $2
                          ORDER BY d.diagnosed_on DESC, d.stream_version DESC LIMIT 1) d ON true
       LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE NOT x.connected AND x.ended_on >= $7)::int AS failed
                          FROM (SELECT connected, ended_on FROM rm_report_contacts k
                                WHERE k.ric = c.ric AND k.client_id = c.client_id AND k.end_kind IN ('closed', 'missed')
                                  AND k.ended_on <= $2
                                ORDER BY k.ended_at DESC LIMIT 2) x) k ON true
       WHERE c.ric = $1 AND ($9::text IS NULL OR c.kpp_id = $9 OR c.pm_id = $9)
       ORDER BY c.client_id`,
      [
        caller.ric,
        date,
        starts.portal,
        starts.logins,
        starts.rating,
        starts.certificates,
        starts.works,
        [starts.portal, starts.logins, starts.rating].sort()[0],
        query.employeeId ?? null,
      ],
    );
    const items = rows.map((r) => ({
      clientId: r.client_id,
      kppId: r.kpp_id,
      portalDepartments90d: DEPARTMENTS.filter((d) => r[d] === true),
      logins30d: r.logins_known ? r.logins : null,
      lowestPortalRating30d: r.rating === null ? null : Number(r.rating),
      departmentsTrainedBelowHalf: r.below_half,
      competitor: r.diagnosed ?? r.imported ?? 'unknown',
      lastTwoWorksFailed60d: r.failed === 2,
      debtOverOneMonth: r.debt_over_one_month,
      newsletterSubscribers: r.newsletter_subscribers,
      seminarCertificates365d: r.certificates ?? 0,
    }));
    answer(res, query, 'triggers', { date, items }, items);
  }

  /**
   * «Конкуренты» [002]: the fee segment (small and medium up to 15 000 ₽ a month, large above), the
   * last diagnosis on or before `date` and the next one due half a year later (never diagnosed: due
   * on `date`); competitor from the diagnosis, else the latest import.
   */
  @Get('competitors')
  @ReadResponses({
    operationId: 'getCompetitorsReport',
    ok: COMPETITORS,
    csv: true,
    summary: 'Competitor diagnostics per client and segment',
  })
  @SnapshotQuery()
  async competitors(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { date } = this.sources.day(caller, query);
    const { largeClientFee, competitorDiagnosticsMonths } = this.sources.settings;
    const rows = await this.sources.query<{
      client_id: string;
      kpp_id: string;
      pm_id: string;
      monthly_fee: string;
      diagnosed_on: string | null;
      diagnosed: string | null;
      systems: string[] | null;
      imported: string | null;
    }>(
      `SELECT c.client_id, c.kpp_id, c.pm_id, c.monthly_fee, d.diagnosed_on::text AS diagnosed_on,
              d.competitor AS diagnosed, d.systems, w.competitor AS imported
       FROM rm_report_clients c
       LEFT JOIN LATERAL (SELECT diagnosed_on, competitor, systems FROM rm_report_competitor_diagnoses d
                          WHERE d.ric = c.ric AND d.client_id = c.client_id AND d.diagnosed_on <= $2
                          ORDER BY d.diagnosed_on DESC, d.stream_version DESC LIMIT 1) d ON true
       LEFT JOIN LATERAL (SELECT competitor FROM rm_report_usage_weeks w
                          WHERE w.ric = c.ric AND w.client_id = c.client_id AND w.week_start <= $2
                          ORDER BY w.week_start DESC LIMIT 1) w ON true
       WHERE c.ric = $1 AND ($3::text IS NULL OR c.kpp_id = $3 OR c.pm_id = $3)
       ORDER BY c.client_id`,
      [caller.ric, date, query.employeeId ?? null],
    );
    const items = rows.map((r) => ({
      clientId: r.client_id,
      kppId: r.kpp_id,
      pmId: r.pm_id,
      monthlyFee: Number(r.monthly_fee),
      segment: Number(r.monthly_fee) > largeClientFee ? ('large' as const) : ('small_medium' as const),
      lastDiagnosedOn: r.diagnosed_on,
      nextDueOn: r.diagnosed_on ? addMonths(r.diagnosed_on, competitorDiagnosticsMonths) : date,
      competitor: r.diagnosed ?? r.imported ?? 'unknown',
      systems: r.systems ?? [],
    }));
    const totals = (['small_medium', 'large'] as const).map((segment) => {
      const of = items.filter((i) => i.segment === segment);
      return { segment, clients: of.length, withCompetitor: of.filter((i) => i.competitor === 'yes').length };
    });
    answer(res, query, 'competitors', { date, items, totals }, items);
  }

  /**
   * Signs of deterioration [002] first seen in the period, with the first action someone took after
   * each («важна скорость реакции»): `firstActionAt` and `reactionHours` while none, absent.
   */
  @Get('deterioration')
  @ReadResponses({
    operationId: 'getDeteriorationReport',
    ok: DETERIORATION,
    csv: true,
    summary: 'Signs of deterioration and the reaction to them',
  })
  @PeriodQuery()
  async deterioration(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to, start, end } = this.sources.period(caller, query);
    const rows = await this.sources.query<{
      client_id: string;
      kpp_id: string | null;
      sign: string;
      first_seen_at: Date;
      first_action_at: Date | null;
    }>(
      `SELECT client_id, kpp_id, sign, first_seen_at, first_action_at FROM rm_report_deterioration
       WHERE ric = $1 AND first_seen_at >= $2 AND first_seen_at < $3 AND ($4::text IS NULL OR kpp_id = $4 OR pm_id = $4)
       ORDER BY first_seen_at, client_id, sign`,
      [caller.ric, start, end, query.employeeId ?? null],
    );
    const items = rows.map((r) => {
      const seen = r.first_seen_at.toISOString();
      const acted = r.first_action_at?.toISOString();
      return {
        clientId: r.client_id,
        kppId: r.kpp_id,
        sign: r.sign,
        firstSeenAt: seen,
        ...(acted ? { firstActionAt: acted, reactionHours: reactionHours(seen, acted) } : {}),
      };
    });
    answer(res, query, 'deterioration', { from, to, items }, items, [
      'clientId',
      'kppId',
      'sign',
      'firstSeenAt',
      'firstActionAt',
      'reactionHours',
    ]);
  }
}
