import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { BusinessTime, CHECKLISTS, MAX_ITEM_SCORE, REVIEW_SHEETS } from '@ledger/domain';
import { BUSINESS_TIME } from '../tokens';
import { Caller, CurrentCaller, hasRole } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses, ReadResponses } from '../http/openapi-responses';
import { CHECKLISTS as CHECKLIST_SHEETS, REVIEWS } from '../http/openapi-schemas';
import { FieldProblem, InvalidInput } from '../http/errors';
import { ReviewCallDto } from './reviews.dto';
import { PeriodQuery, periodOf } from './period';

interface ReviewRow {
  client_id: string;
  review_id: string;
  contact_id: string;
  sheet: string;
  scores: Record<string, number>;
  score: string;
  comment: string | null;
  employee_id: string;
  connected_at: Date;
  reviewer_id: string;
  reviewed_at: Date;
}

/** Scores must name every item of the sheet, and only those, each 0–2 (400 naming `scores.<code>`). */
function checkScores(body: ReviewCallDto): Record<string, number> {
  const codes = CHECKLISTS[body.sheet].items.map((i) => i.code);
  const problems: FieldProblem[] = [];
  for (const code of Object.keys(body.scores))
    if (!codes.includes(code))
      problems.push({
        field: `scores.${code}`,
        message: `${code} is not an item of the sheet ${body.sheet}`,
      });
  for (const code of codes) {
    const value = body.scores[code];
    if (value === undefined) problems.push({ field: `scores.${code}`, message: `score ${code} is missing` });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_ITEM_SCORE)
      problems.push({
        field: `scores.${code}`,
        message: `score ${code} must be an integer 0–${MAX_ITEM_SCORE}`,
      });
  }
  if (problems.length) throw new InvalidInput(problems);
  return body.scores as Record<string, number>;
}

/** Call reviews by auditors (РКПП) against the [004] checklists (SPEC §6). */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly commands: ClientCommands,
    private readonly readModels: DataSource,
    @Inject(BUSINESS_TIME) private readonly businessTime: (ric: string) => BusinessTime,
  ) {}

  /** The checklists, one sheet per kind of work (every role). */
  @Get('reviews/checklists')
  @ReadResponses({
    operationId: 'getReviewChecklists',
    ok: CHECKLIST_SHEETS,
    summary: 'The [004] checklists',
  })
  checklists() {
    return { sheets: REVIEW_SHEETS.map((sheet) => CHECKLISTS[sheet]) };
  }

  @Post('clients/:clientId/contacts/:contactId/reviews')
  @HttpCode(201)
  @AllowCommand('ReviewCall')
  @CommandResponses('ReviewCall', {
    answer: { reviewId: { type: 'string', description: 'drawn by the service' } },
  })
  review(
    @Param('clientId') clientId: string,
    @Param('contactId') contactId: string,
    @Body() body: ReviewCallDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const scores = checkScores(body);
    const reviewId = randomUUID();
    return this.commands.send(
      request,
      caller,
      clientId,
      {
        type: 'ReviewCall',
        reviewId,
        contactId,
        sheet: body.sheet,
        scores,
        ...(body.comment ? { comment: body.comment } : {}),
      },
      { reviewId },
    );
  }

  /**
   * Reviews of calls made in the period. A КПП or ПМ reads only the reviews of their own calls;
   * auditors, РОС, ADMIN and analysts read all, or one employee's with `employeeId`.
   */
  @Get('reviews')
  @ReadResponses({
    operationId: 'listReviews',
    ok: REVIEWS,
    forbidden: 'a КПП or ПМ naming another employee',
    summary: 'Reviews of the calls made in the period',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'employeeId', required: false })
  async list(@Query() query: PeriodQuery & { employeeId?: string }, @CurrentCaller() caller: Caller) {
    const period = periodOf(query, false, this.businessTime(caller.ric));
    const seesAll = hasRole(caller, 'RKPP', 'ROS', 'ADMIN', 'ANALYST');
    if (!seesAll && query.employeeId !== undefined && query.employeeId !== caller.employeeId)
      throw new ForbiddenException({ error: 'a КПП or ПМ reads only the reviews of their own calls' });
    const employeeId = seesAll ? (query.employeeId ?? null) : caller.employeeId;
    const rows: ReviewRow[] = await this.readModels.query(
      `SELECT * FROM rm_call_reviews WHERE ric = $1 AND ($2::text IS NULL OR employee_id = $2)
         AND ($3::timestamptz IS NULL OR connected_at >= $3) AND ($4::timestamptz IS NULL OR connected_at < $4)
       ORDER BY position`,
      [caller.ric, employeeId, period.start, period.end],
    );
    return {
      items: rows.map((r) => ({
        reviewId: r.review_id,
        clientId: r.client_id,
        contactId: r.contact_id,
        employeeId: r.employee_id,
        connectedAt: r.connected_at.toISOString(),
        sheet: r.sheet,
        scores: r.scores,
        score: Number(r.score),
        ...(r.comment ? { comment: r.comment } : {}),
        reviewerId: r.reviewer_id,
        reviewedAt: r.reviewed_at.toISOString(),
      })),
    };
  }
}
