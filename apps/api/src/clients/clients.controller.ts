import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CLOCK, Clock } from '@ledger/application';
import { CLIENT_EVENT_TYPES } from '@ledger/domain';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses, ReadResponses } from '../http/openapi-responses';
import {
  CLIENT_CARD,
  CLIENT_LIST,
  CLIENT_STATE,
  DECISIONS,
  HANDOVER_SHEET,
  HISTORY,
  UNKNOWN_CLIENT,
} from '../http/openapi-schemas';
import { invalidField } from '../http/errors';
import { isInstant } from '../http/validation';
import { ClientQueries } from './client-queries';
import { ClientList } from './client-list';
import { ClientListQuery } from './client-list.dto';
import { CLIENT_CARD_EXAMPLE, CLIENT_LIST_EXAMPLE, HANDOVER_SHEET_EXAMPLE } from './client-examples';
import { RegisterClientDto } from './register-client.dto';
import { AssignmentDto, ServicePointDto } from './registration.dto';

const instantParam = (name: string, value: string | undefined): Date | undefined => {
  if (value === undefined) return undefined;
  if (!isInstant(value)) throw invalidField(name, `${name} must be an ISO-8601 instant with a zone`);
  return new Date(value);
};

/** `types=A,B`: event types this version knows (400 naming `types` otherwise). */
const typesParam = (value: string | undefined): ReadonlySet<string> | undefined => {
  if (value === undefined) return undefined;
  const types = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = types.filter((t) => !CLIENT_EVENT_TYPES.has(t));
  if (types.length === 0 || unknown.length)
    throw invalidField(
      'types',
      `types must name event types (unknown: ${unknown.join(', ') || 'none given'})`,
    );
  return new Set(types);
};

const notFound = (clientId: string) => new NotFoundException({ error: `client ${clientId} not found` });

@ApiTags('clients')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(
    private readonly commands: ClientCommands,
    private readonly queries: ClientQueries,
    private readonly list: ClientList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowCommand('RegisterClient')
  @CommandResponses('RegisterClient', { answer: { clientId: { type: 'string' } } })
  async register(@Body() body: RegisterClientDto, @CurrentCaller() caller: Caller, @Req() request: Request) {
    const command = {
      type: 'RegisterClient' as const,
      clientId: body.clientId,
      name: body.name,
      ...(body.inn ? { inn: body.inn } : {}),
      monthlyFee: body.monthlyFee,
      category: body.category,
      kppId: body.kppId,
      pmId: body.pmId,
      contactCadence: body.contactCadence ?? 'weekly',
      billingDay: body.billingDay ?? 1,
    };
    return this.commands.send(request, caller, body.clientId, command, {
      clientId: body.clientId,
    });
  }

  /** A further service point (ТО) with its own contact cadence (ROS, ADMIN). */
  @Post(':clientId/service-points')
  @HttpCode(201)
  @AllowCommand('AddServicePoint')
  @CommandResponses('AddServicePoint')
  addServicePoint(
    @Param('clientId') clientId: string,
    @Body() body: ServicePointDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'AddServicePoint',
      servicePointId: body.servicePointId,
      name: body.name,
      contactCadence: body.contactCadence,
    });
  }

  /** Another КПП and/or ПМ for the client; their open work moves with it (ROS, ADMIN). */
  @Post(':clientId/assignment')
  @HttpCode(201)
  @AllowCommand('AssignClient')
  @CommandResponses('AssignClient')
  assign(
    @Param('clientId') clientId: string,
    @Body() body: AssignmentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    if (body.kppId === undefined && body.pmId === undefined) {
      throw invalidField('kppId', 'name a kppId, a pmId or both');
    }
    return this.commands.send(request, caller, clientId, {
      type: 'AssignClient',
      ...(body.kppId !== undefined ? { kppId: body.kppId } : {}),
      ...(body.pmId !== undefined ? { pmId: body.pmId } : {}),
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  @Get()
  @ReadResponses({
    operationId: 'listClients',
    ok: { ...CLIENT_LIST, example: CLIENT_LIST_EXAMPLE },
    forbidden: 'a КПП naming another КПП’s clients',
    summary: 'List and find clients of the caller’s РИЦ',
    description:
      'Filters combine; `q` matches part of the name or ИНН (case-insensitive, ё = е). Paged by ' +
      '`nextCursor` (null on the last page) on an order no command changes, so every client appears ' +
      'exactly once while you page. A КПП (without ROS, ADMIN, RKPP, ANALYST or PM) sees only their own ' +
      'clients; naming another КПП is 403.',
  })
  async listClients(@Query() query: ClientListQuery, @CurrentCaller() caller: Caller) {
    return this.list.list(caller, query);
  }

  @Get(':clientId')
  @ReadResponses({
    operationId: 'getClient',
    ok: { ...CLIENT_CARD, example: CLIENT_CARD_EXAMPLE },
    notFound: UNKNOWN_CLIENT,
    summary: 'The client card',
    description:
      'Receivables (debt, promises with their deadlines, threats), contact persons with roles, service ' +
      'points with their cadence, open contacts with attempts and callbacks, the contact necessity ' +
      'indicator with its signs and the latest usage week.',
  })
  async get(@Param('clientId') clientId: string, @CurrentCaller() caller: Caller) {
    const view = await this.queries.current(caller.ric, clientId);
    if (!view) throw notFound(clientId);
    return view;
  }

  @Get(':clientId/handover-sheets/:threatId')
  @ReadResponses({
    operationId: 'getHandoverSheet',
    ok: { ...HANDOVER_SHEET, example: HANDOVER_SHEET_EXAMPLE },
    notFound: 'no such client in the caller’s РИЦ, or no handover sheet of that threat',
    summary: 'The handover sheet (лист передачи) of a threat',
    description:
      'As recorded at the handover: reason, debt depth, unpaid amount, invoices and payments known then, ' +
      'promise history and the КПП’s comment; contact persons as they are now (a later erasure shows).',
  })
  async handoverSheet(
    @Param('clientId') clientId: string,
    @Param('threatId') threatId: string,
    @CurrentCaller() caller: Caller,
  ) {
    const sheet = await this.queries.handoverSheet(caller.ric, clientId, threatId);
    if (!sheet) throw new NotFoundException({ error: `no handover sheet ${threatId} of client ${clientId}` });
    return sheet;
  }

  @Get(':clientId/history')
  @ReadResponses({
    operationId: 'getClientHistory',
    ok: HISTORY,
    notFound: UNKNOWN_CLIENT,
    summary: 'The client’s events in stream order',
  })
  @ApiQuery({ name: 'from', required: false, description: 'from a recording instant (inclusive)' })
  @ApiQuery({ name: 'until', required: false, description: 'cut at a recording instant' })
  @ApiQuery({ name: 'types', required: false, description: 'event types, comma-separated' })
  async history(
    @Param('clientId') clientId: string,
    @Query('from') from: string | undefined,
    @Query('until') until: string | undefined,
    @Query('types') types: string | undefined,
    @CurrentCaller() caller: Caller,
  ) {
    const filter = {
      from: instantParam('from', from),
      until: instantParam('until', until),
      types: typesParam(types),
    };
    if (filter.from && filter.until && filter.from > filter.until)
      throw invalidField('until', 'until must not be before from');
    const events = await this.queries.history(caller.ric, clientId, filter);
    if (!events) throw notFound(clientId);
    return { events };
  }

  /** Every automatic event: its rule, the evidence it names and why, in words (SPEC §6). */
  @Get(':clientId/decisions')
  @ReadResponses({
    operationId: 'getClientDecisions',
    ok: DECISIONS,
    notFound: UNKNOWN_CLIENT,
    summary: 'Every automatic event with its rule, evidence and explanation',
  })
  async decisions(@Param('clientId') clientId: string, @CurrentCaller() caller: Caller) {
    const items = await this.queries.decisions(caller.ric, clientId);
    if (!items) throw notFound(clientId);
    return { items };
  }

  @Get(':clientId/state')
  @ReadResponses({
    operationId: 'getClientStateAt',
    ok: CLIENT_STATE,
    notFound: UNKNOWN_CLIENT,
    summary: 'The card and each workflow’s state as of an instant (replayed)',
  })
  @ApiQuery({ name: 'at', required: false, description: 'an instant; default now' })
  async state(
    @Param('clientId') clientId: string,
    @Query('at') at: string | undefined,
    @CurrentCaller() caller: Caller,
  ) {
    const view = await this.queries.stateAt(caller.ric, clientId, instantParam('at', at) ?? this.clock.now());
    if (!view) throw notFound(clientId);
    return view;
  }
}
