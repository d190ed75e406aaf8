import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { ClientView } from '@ledger/domain';
import type { ClientPromiseFigures } from '@ledger/read-models';
import { Caller, CurrentCaller } from '../auth/auth';
import { invalidField } from '../http/errors';
import { isBusinessDate } from '../http/validation';
import { ReadResponses } from '../http/openapi-responses';
import { RECEIVABLES } from './report-schemas';

interface ReportQuery {
  from?: string;
  to?: string;
  employeeId?: string;
  format?: string;
}

const checkQuery = (query: ReportQuery) => {
  for (const field of ['from', 'to'] as const) {
    if (query[field] !== undefined && !isBusinessDate(query[field]))
      throw invalidField(field, `${field} must be a date YYYY-MM-DD`);
  }
  if (query.from && query.to && query.from > query.to) throw invalidField('to', 'to must not be before from');
  if (query.format !== undefined && query.format !== 'json' && query.format !== 'csv') {
    throw invalidField('format', 'format must be json or csv');
  }
};

/** Answers JSON, or CSV with ?format=csv (the same rows). */
function answer(
  res: Response,
  query: ReportQuery,
  name: string,
  rows: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) {
  if (query.format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.send(stringify(rows, { header: true, columns: rows.length ? Object.keys(rows[0]!) : ['empty'] }));
    return;
  }
  res.json({ ...extra, rows });
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly readModels: DataSource) {}

  /**
   * Receivables register (реестр ДЗ): who answers for each client, the debt, the promise status and
   * the streaks; with from/to, what was promised for that period and what came in time.
   */
  @Get('receivables')
  @ReadResponses({
    operationId: 'getReceivablesReport',
    ok: RECEIVABLES,
    csv: true,
    summary: 'The receivables register',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'employeeId', required: false, description: 'the responsible КПП or ПМ' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async receivables(@Query() query: ReportQuery, @CurrentCaller() caller: Caller, @Res() res: Response) {
    checkQuery(query);
    // the promises' figures have a column: rm_clients.state is a snapshot, not the state now (ADR 0070)
    const records: Array<{ view: ClientView; promises: ClientPromiseFigures[] | null }> =
      await this.readModels.query(
        `SELECT view, promises FROM rm_clients WHERE ric = $1 AND ($2::text IS NULL OR responsible_id = $2)
       ORDER BY debt_months DESC, client_id`,
        [caller.ric, query.employeeId ?? null],
      );
    const rows = records.map(({ view, promises }) => {
      const inPeriod = (promises ?? []).filter(
        (p) => (!query.from || p.promisedOn >= query.from) && (!query.to || p.promisedOn <= query.to),
      );
      const last = view.lastPromise;
      return {
        clientId: view.clientId,
        name: view.name,
        responsibleRole: view.responsible.role,
        responsibleId: view.responsible.employeeId,
        monthlyFee: view.monthlyFee,
        unpaid: view.unpaid,
        debtMonths: view.debtMonths,
        promiseStatus: last?.status ?? 'none',
        promisedOn: last?.promisedOn ?? '',
        brokenPromisesInRow: view.brokenPromisesInRow,
        onTimeMonthsInRow: view.onTimeMonthsInRow,
        openThreats: view.openThreats.map((t) => t.type).join(' '),
        promisedInPeriod: inPeriod.reduce((sum, p) => sum + p.target, 0) / 100,
        paidInTimeInPeriod: inPeriod.reduce((sum, p) => sum + Math.min(p.paidInTime, p.target), 0) / 100,
      };
    });
    answer(res, query, 'receivables', rows, { from: query.from ?? null, to: query.to ?? null });
  }
}
