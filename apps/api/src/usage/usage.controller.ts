import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { json, text } from 'express';
import type { Request } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand } from '../http/client-commands';
import { CommandResponses, CsvBody } from '../http/openapi-responses';
import { parseUsageCsv } from './usage-csv';
import { UsageImport } from './usage-import';
import { validateObservations } from './usage-validation';
import { USAGE_IMPORT_ANSWER, UsageImportAnswer, UsageObservationsDto } from './usage.dto';

export const USAGE_IMPORT_PATH = '/api/v1/usage-observations';
/** A week of 10,000 clients: 1.4 MB of JSON with the first fields, 5.5 MB with every field (bench); the rest of the API keeps 256 kB. */
export const USAGE_IMPORT_BODY_LIMIT = '16mb';

/** This route's own body parsers (JSON and CSV), registered before the global one (create-app.ts). */
export const usageImportBodyParsers = () => [
  json({ limit: USAGE_IMPORT_BODY_LIMIT }),
  text({ type: ['text/csv', 'application/csv'], limit: USAGE_IMPORT_BODY_LIMIT }),
];

/** Usage facts from the РИЦ's CRM (weekly imports): one `UsageObserved` per client and week. */
@ApiTags('usage')
@ApiBearerAuth()
@Controller('usage-observations')
export class UsageController {
  constructor(private readonly usageImport: UsageImport) {}

  /**
   * A whole week in one call, as JSON `{ observations }` or as the CRM's CSV export. Bad input
   * refuses the import (400, nothing written); a row the domain refuses (an unknown client) is
   * listed in `rejected` while the others are recorded. The same observation sent again records
   * nothing, so a repeated import completes a broken one.
   */
  @Post()
  @HttpCode(201)
  @AllowCommand('RecordUsage')
  @CommandResponses('RecordUsage', {
    operationId: 'importUsageObservations',
    summary: 'A week of usage facts from the CRM (JSON or CSV)',
    answer: USAGE_IMPORT_ANSWER,
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: UsageObservationsDto })
  @CsvBody('the CRM’s CSV export: a header row, one observation per row')
  async observe(
    @Body() raw: unknown,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ): Promise<UsageImportAnswer> {
    const plain = typeof raw === 'string' ? parseUsageCsv(raw) : raw;
    return this.usageImport.run(request, caller, validateObservations(plain));
  }
}
