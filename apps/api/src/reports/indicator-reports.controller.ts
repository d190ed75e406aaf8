import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ClientCategory,
  NecessitySigns,
  addDays,
  deviationsOf,
  levelRank,
  mondayOf,
  riskLevelOf,
  windowStart,
} from '@ledger/domain';
import { Caller, CurrentCaller } from '../auth/auth';
import { invalidField } from '../http/errors';
import { ReportSources } from './report-base';
import { ReportQuery, answer, round } from './report-http';
import { PeriodQuery, SnapshotQuery } from './report-docs';
import { ReadResponses } from '../http/openapi-responses';
import { CONTACT_NECESSITY, DEVIATIONS, SEGMENT_DYNAMICS, SERVICE_ACTIVITY } from './report-schemas';

const SERVICE_FIELDS = {
  documentOrders: 'document_orders',
  onlineOrders: 'online_orders',
  consultingLineRequests: 'consulting_line_requests',
  selectionOrders: 'selection_orders',
  trainedUsers: 'trained_users',
  onlineDialogRequests: 'online_dialog_requests',
  personalAccountRegistered: 'personal_account_registered',
  techSupportRequests: 'tech_support_requests',
} as const;

/** Reports on the indicators of SPEC §4: necessity, deviations, segments, service activity. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class IndicatorReportsController {
  constructor(private readonly sources: ReportSources) {}

  /** Contact necessity [003] as of the end of `date`, with its signs and band [002]; highest first. */
  @Get('contact-necessity')
  @ReadResponses({
    operationId: 'getContactNecessityReport',
    ok: CONTACT_NECESSITY,
    csv: true,
    summary: 'Contact necessity per client, highest first',
  })
  @SnapshotQuery()
  async contactNecessity(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { date, end } = this.sources.day(caller, query);
    const rows = await this.sources.query<{
      client_id: string;
      kpp_id: string;
      indicator: string;
      signs: NecessitySigns;
    }>(
      // the current value answers every day since it holds (today's report reads no history);
      // an earlier day looks up the row of rm_report_necessity in force then
      `SELECT c.client_id, c.kpp_id,
              CASE WHEN c.necessity_from < $2 THEN c.necessity ELSE n.indicator END AS indicator,
              CASE WHEN c.necessity_from < $2 THEN c.necessity_signs ELSE n.signs END AS signs
       FROM rm_report_clients c
       LEFT JOIN LATERAL (SELECT indicator, signs FROM rm_report_necessity n
                          WHERE c.necessity_from >= $2 AND n.ric = c.ric AND n.client_id = c.client_id
                            AND n.valid_from < $2
                          ORDER BY n.valid_from DESC LIMIT 1) n ON true
       WHERE c.ric = $1 AND c.necessity_from IS NOT NULL AND ($3::text IS NULL OR c.kpp_id = $3 OR c.pm_id = $3)
         AND (c.necessity_from < $2 OR n.indicator IS NOT NULL)
       ORDER BY 3 DESC, c.client_id`,
      [caller.ric, end, query.employeeId ?? null],
    );
    const bands = this.sources.settings.riskBands;
    const items = rows.map((r) => ({
      clientId: r.client_id,
      kppId: r.kpp_id,
      indicator: Number(r.indicator),
      level: riskLevelOf(Number(r.indicator), bands),
      signs: {
        renewalPeriod: r.signs.renewalPeriodStarted,
        debt: r.signs.debt,
        unreturnedActs: r.signs.unreturnedActs,
        noSystemUse: r.signs.noSystemUse,
        noUpdates: r.signs.noUpdates,
        hotlinePortalUnused: r.signs.hotlineAndPortalNotUsed,
        trainingNotMet: r.signs.trainingNormNotMet,
      },
    }));
    answer(res, query, 'contact-necessity', { date, items }, items);
  }

  /** «Фиксация отклонений» [002] as of `date`: training, webinars, ЛК; the worst is the level. */
  @Get('deviations')
  @ReadResponses({
    operationId: 'getDeviationsReport',
    ok: DEVIATIONS,
    csv: true,
    summary: 'Deviations in training, webinars and portal use',
  })
  @SnapshotQuery()
  async deviations(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { date } = this.sources.day(caller, query);
    const s = this.sources.settings.deviations;
    const webinarsFrom = windowStart(date, s.webinarDays);
    const portalFrom = windowStart(date, s.portalDays);
    const rows = await this.sources.query<{
      client_id: string;
      kpp_id: string;
      category: ClientCategory;
      trained_share: string | null;
      webinars: number;
      portal: number;
    }>(
      `SELECT c.client_id, c.kpp_id, c.category, t.trained_share,
              coalesce(a.webinars, 0)::int AS webinars, coalesce(a.portal, 0)::int AS portal
       FROM rm_report_clients c
       LEFT JOIN LATERAL (SELECT trained_share FROM rm_report_usage_weeks w
                          WHERE w.ric = c.ric AND w.client_id = c.client_id AND w.week_start BETWEEN $3 AND $2
                          ORDER BY w.week_start DESC LIMIT 1) t ON true
       LEFT JOIN (SELECT client_id, sum(webinars) FILTER (WHERE week_start >= $4) AS webinars,
                         sum(portal_requests) FILTER (WHERE week_start >= $5) AS portal
                  FROM rm_report_usage_weeks WHERE ric = $1 AND week_start BETWEEN LEAST($4::date, $5::date) AND $2
                  GROUP BY client_id) a ON a.client_id = c.client_id
       WHERE c.ric = $1 AND ($6::text IS NULL OR c.kpp_id = $6 OR c.pm_id = $6)`,
      [
        caller.ric,
        date,
        windowStart(date, s.trainingValidDays),
        webinarsFrom,
        portalFrom,
        query.employeeId ?? null,
      ],
    );
    const items = rows
      .map((r) => ({
        clientId: r.client_id,
        kppId: r.kpp_id,
        ...deviationsOf(
          {
            category: r.category,
            trainedShare: r.trained_share === null ? undefined : Number(r.trained_share),
            webinars: r.webinars,
            portalRequests: r.portal,
          },
          s,
        ),
        // the counts the levels come from
        webinarCount: r.webinars,
        portalRequestCount: r.portal,
        trainedShare: r.trained_share === null ? null : Number(r.trained_share),
      }))
      .sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.clientId < b.clientId ? -1 : 1));
    answer(res, query, 'deviations', { date, items }, items);
  }

  /**
   * «Оценка динамики сегментов» [000]: each client's loyalty segment per Monday–Sunday week, and the
   * index (mean coefficient) per КПП of the week and for the whole РИЦ (`groupIndex`).
   */
  @Get('segment-dynamics')
  @ReadResponses({
    operationId: 'getSegmentDynamicsReport',
    ok: SEGMENT_DYNAMICS,
    csv: true,
    summary: 'Loyalty segments per client and week, with the index',
  })
  @PeriodQuery(ApiQuery({ name: 'changedOnly', required: false, enum: ['true', 'false'] }))
  async segmentDynamics(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to } = this.sources.period(caller, query);
    if (query.changedOnly !== undefined && query.changedOnly !== 'true' && query.changedOnly !== 'false')
      throw invalidField('changedOnly', 'changedOnly must be true or false');
    const weeks: string[] = [];
    for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
    const employeeId = query.employeeId ?? null;
    const clientRows = await this.sources.query<{
      client_id: string;
      kpp_id: string;
      segments: Record<string, string | null>;
    }>(
      `WITH s AS (SELECT client_id, json_object_agg(week_start::text, segment) AS segments
                  FROM rm_report_usage_weeks WHERE ric = $1 AND week_start BETWEEN $2 AND $3 GROUP BY client_id)
       SELECT s.client_id, c.kpp_id, s.segments FROM s
       JOIN rm_report_clients c ON c.ric = $1 AND c.client_id = s.client_id
       WHERE $4::text IS NULL OR c.kpp_id = $4
       ORDER BY s.client_id`,
      [caller.ric, weeks[0], to, employeeId],
    );
    const k = this.sources.settings.segmentCoefficients;
    const indexRows = await this.sources.query<{ kpp_id: string | null; week: string; value: number }>(
      `SELECT kpp_id, week_start::text AS week,
              avg(CASE segment WHEN 'red' THEN $5::float8 WHEN 'blue' THEN $6::float8 WHEN 'yellow' THEN $7::float8 ELSE $8::float8 END) AS value
       FROM rm_report_usage_weeks
       WHERE ric = $1 AND week_start BETWEEN $2 AND $3 AND segment IS NOT NULL AND ($4::text IS NULL OR kpp_id = $4)
       GROUP BY GROUPING SETS ((kpp_id, week_start), (week_start))`,
      [caller.ric, weeks[0], to, employeeId, k.red, k.blue, k.yellow, k.green],
    );
    const changedOnly = query.changedOnly === 'true';
    const clients = clientRows
      .map((r) => ({
        clientId: r.client_id,
        kppId: r.kpp_id,
        segments: weeks.map((w) => r.segments[w] ?? null),
      }))
      // «Включать клиентов с изменениями сегмента»: two different known segments in the period
      .filter((c) => !changedOnly || new Set(c.segments.filter((s) => s !== null)).size > 1);
    const series = new Map<string | null, (number | null)[]>();
    for (const row of indexRows) {
      const values = series.get(row.kpp_id) ?? weeks.map(() => null);
      values[weeks.indexOf(row.week)] = round(row.value, 2);
      series.set(row.kpp_id, values);
    }
    const index = [...series.entries()]
      .filter(([kpp]) => kpp !== null)
      .map(([employee, values]) => ({ employeeId: employee as string, values }))
      .sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
    const groupIndex = series.get(null) ?? weeks.map(() => null);
    const csv = clients.map((c) => ({
      clientId: c.clientId,
      kppId: c.kppId,
      ...Object.fromEntries(weeks.map((w, i) => [w, c.segments[i]])),
    }));
    answer(res, query, 'segment-dynamics', { from, to, weeks, clients, index, groupIndex }, csv, [
      'clientId',
      'kppId',
      ...weeks,
    ]);
  }

  /**
   * Service activity [000] («Активность клиентов») per КПП of the week and in total: the weeks whose
   * Monday lies in the period; `clients` used at least one service, `clientsObserved` were imported.
   */
  @Get('service-activity')
  @ReadResponses({
    operationId: 'getServiceActivityReport',
    ok: SERVICE_ACTIVITY,
    csv: true,
    summary: 'Service activity counts per employee',
  })
  @PeriodQuery()
  async serviceActivity(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    const { from, to } = this.sources.period(caller, query);
    const columns = Object.values(SERVICE_FIELDS);
    const perClient = columns.map((c) => `sum(${c}) AS ${c}`).join(', ');
    const sums = Object.entries(SERVICE_FIELDS)
      .map(([field, column]) => `coalesce(sum(${column}), 0)::int AS "${field}"`)
      .join(', ');
    // per КПП and client first (hash aggregates, no sort), then per КПП and for the РИЦ
    const rows = await this.sources.query<Record<string, number> & { employee_id: string | null }>(
      `WITH per AS (
         SELECT kpp_id, client_id, ${perClient}, bool_or(service_used) AS used FROM rm_report_usage_weeks
         WHERE ric = $1 AND week_start BETWEEN $2 AND $3 AND ($4::text IS NULL OR kpp_id = $4)
         GROUP BY kpp_id, client_id)
       SELECT kpp_id AS employee_id, ${sums}, count(*) FILTER (WHERE used)::int AS clients,
              count(*)::int AS "clientsObserved"
       FROM per GROUP BY kpp_id
       UNION ALL
       SELECT NULL, ${sums}, count(DISTINCT client_id) FILTER (WHERE used)::int,
              count(DISTINCT client_id)::int
       FROM per HAVING count(*) > 0
       ORDER BY 1 NULLS FIRST`,
      [caller.ric, from, to, query.employeeId ?? null],
    );
    const shape = (r: (typeof rows)[number]) => {
      const { employee_id, ...counts } = r;
      return { employeeId: employee_id ?? '', ...counts };
    };
    const items = rows.filter((r) => r.employee_id !== null).map(shape);
    const totalRow = rows.find((r) => r.employee_id === null);
    const total = totalRow
      ? shape(totalRow)
      : {
          employeeId: '',
          ...Object.fromEntries(Object.keys(SERVICE_FIELDS).map((f) => [f, 0])),
          clients: 0,
          clientsObserved: 0,
        };
    answer(res, query, 'service-activity', { from, to, items, total }, items);
  }
}
