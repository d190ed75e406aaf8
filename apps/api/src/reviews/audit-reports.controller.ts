import { randomBytes } from 'node:crypto';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BusinessTime, addDays } from '@ledger/domain';
import { AllowRoles, Caller, CurrentCaller, hasRole } from '../auth/auth';
import { invalidField } from '../http/errors';
import { ReadResponses } from '../http/openapi-responses';
import { AUDIT_SAMPLE, CALL_REVIEWS } from '../http/openapi-schemas';
import { BUSINESS_TIME } from '../tokens';
import { AUDIT_SHARE, SampleCall, drawAuditSample } from './audit-sample';
import { PeriodQuery, periodOf } from './period';
import { reviewReport, ReviewForReport } from './review-report';

/** Seeds' norm [001]: an auditor listens to and analyses the calls of 300 service points a day. */
export const AUDITOR_NORM_PER_DAY = 300;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class AuditReportsController {
  constructor(
    private readonly readModels: DataSource,
    @Inject(BUSINESS_TIME) private readonly businessTime: (ric: string) => BusinessTime,
  ) {}

  /**
   * About 20 % of the period's connected calls per КПП and week, the same for the same arguments
   * (ADR 0056). For auditors, РОС and ADMIN only: a КПП must not learn which calls are drawn.
   */
  @Get('audit-sample')
  @AllowRoles('RKPP', 'ROS', 'ADMIN')
  @ReadResponses({
    operationId: 'getAuditSample',
    ok: AUDIT_SAMPLE,
    forbidden: 'only RKPP, ROS and ADMIN: a КПП must not learn which calls are drawn',
    summary: 'About 20 % of the period’s connected calls per КПП (the same for the same arguments)',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiQuery({ name: 'employeeId', required: false })
  @ApiQuery({ name: 'seed', required: false })
  async auditSample(
    @Query() query: PeriodQuery & { employeeId?: string; seed?: string },
    @CurrentCaller() caller: Caller,
  ) {
    const time = this.businessTime(caller.ric);
    const period = periodOf(query, true, time);
    if (query.seed !== undefined && !/^[\w.-]{1,64}$/.test(query.seed))
      throw invalidField('seed', 'seed must be 1–64 letters, digits, dots, dashes or underscores');
    const rows: Array<{ client_id: string; contact_id: string; assignee_id: string; connected_at: Date }> =
      await this.readModels.query(
        `SELECT client_id, contact_id, assignee_id, connected_at FROM rm_audit_calls
         WHERE ric = $1 AND connected_at >= $2 AND connected_at < $3`,
        [caller.ric, period.start, period.end],
      );
    const calls: SampleCall[] = rows.map((r) => ({
      clientId: r.client_id,
      contactId: r.contact_id,
      employeeId: r.assignee_id,
      occurredAt: r.connected_at.toISOString(),
    }));
    // drawn over all calls, then filtered: asking for one КПП gives that КПП's part of the same sample
    const drawn = drawAuditSample(calls, {
      ric: caller.ric,
      from: period.from!,
      to: period.to!,
      seed: query.seed ?? '',
      secret: await this.secretOf(caller.ric),
      dateOf: (instant) => time.dateOf(new Date(instant)),
    });
    const mine = (c: SampleCall) => query.employeeId === undefined || c.employeeId === query.employeeId;
    const items = drawn.filter(mine);
    const total = calls.filter(mine).length;
    return {
      from: period.from,
      to: period.to,
      seed: query.seed ?? '',
      target: AUDIT_SHARE,
      connectedCalls: total,
      share: total === 0 ? 0 : Math.round((items.length / total) * 1000) / 1000,
      items,
    };
  }

  /**
   * Reviews of the period's calls per КПП: count, mean score, mean per checklist item and the
   * weakest items; and each auditor's workload against the norm of 300 service points a day.
   * A КПП or ПМ sees only their own row.
   */
  @Get('call-reviews')
  @ReadResponses({
    operationId: 'getCallReviewsReport',
    ok: CALL_REVIEWS,
    summary: 'Reviews per КПП and each auditor’s workload (a КПП or ПМ sees only their own row)',
  })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  async callReviews(@Query() query: PeriodQuery, @CurrentCaller() caller: Caller) {
    const time = this.businessTime(caller.ric);
    const period = periodOf(query, true, time);
    const own = !hasRole(caller, 'RKPP', 'ROS', 'ADMIN', 'ANALYST');
    const rows: Array<{
      client_id: string;
      employee_id: string;
      sheet: string;
      scores: Record<string, number>;
      score: string;
      reviewer_id: string;
    }> = await this.readModels.query(
      `SELECT client_id, employee_id, sheet, scores, score, reviewer_id FROM rm_call_reviews
       WHERE ric = $1 AND connected_at >= $2 AND connected_at < $3 AND ($4::text IS NULL OR employee_id = $4)
       ORDER BY position`,
      [caller.ric, period.start, period.end, own ? caller.employeeId : null],
    );
    const reviews: ReviewForReport[] = rows.map((r) => ({
      clientId: r.client_id,
      employeeId: r.employee_id,
      sheet: r.sheet,
      scores: r.scores,
      score: Number(r.score),
      reviewerId: r.reviewer_id,
    }));
    const report = reviewReport(reviews, workingDaysIn(time, period.from!, period.to!), AUDITOR_NORM_PER_DAY);
    return { from: period.from, to: period.to, ...report, ...(own ? { auditors: [] } : {}) };
  }

  /** The РИЦ's sample secret, made once (random) and kept outside the projections (never rebuilt). */
  private async secretOf(ric: string): Promise<Buffer> {
    await this.readModels.query(
      `INSERT INTO audit_sample_keys (ric, secret) VALUES ($1, $2) ON CONFLICT (ric) DO NOTHING`,
      [ric, randomBytes(32)],
    );
    const [row] = await this.readModels.query(`SELECT secret FROM audit_sample_keys WHERE ric = $1`, [ric]);
    return row.secret as Buffer;
  }
}

/** Working days of the period on the РИЦ's production calendar. */
function workingDaysIn(time: BusinessTime, from: string, to: string): number {
  let days = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (time.workingDayOnOrBefore(d) === d) days += 1;
  return days;
}
