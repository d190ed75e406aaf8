import { Controller, ForbiddenException, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BusinessTime, joinId, mondayOf, weekKindOf } from '@ledger/domain';
import { CLOCK, Clock } from '@ledger/application';
import { Caller, CurrentCaller, hasRole } from '../auth/auth';
import { invalidField } from '../http/errors';
import { isBusinessDate } from '../http/validation';
import { ReadResponses } from '../http/openapi-responses';
import { KPP_PLANNER, PM_QUEUE } from '../http/openapi-schemas';
import { BUSINESS_TIME, LEDGER_RUNTIME } from '../tokens';
import type { LedgerRuntime } from '@ledger/platform';

interface ItemRow {
  client_id: string;
  item_id: string;
  kind: string;
  reason: string | null;
  due_at: Date;
  details: Record<string, unknown>;
  contact_necessity?: string;
  client_name: string | null;
  /** The contact person to call as the client's row holds them now (joined when read). */
  person: { name?: string; phones?: string[] } | null;
}

/**
 * The item's columns, and the items' join with the client: its name and the person to call are
 * read with the item, never copied onto it, so a later change or erasure of the person shows here.
 */
const ITEM_COLUMNS = `w.client_id, w.item_id, w.kind, w.reason, w.due_at, w.details, c.name AS client_name,
  c.contact_persons -> (w.details->>'contactPersonId') AS person`;
const ITEM_JOIN = 'rm_work_items w LEFT JOIN rm_clients c ON c.ric = w.ric AND c.client_id = w.client_id';

const toItem = (row: ItemRow) => {
  const { contactPersonId, ...details } = row.details;
  return {
    clientId: row.client_id,
    clientName: row.client_name ?? '',
    ...(row.contact_necessity !== undefined ? { contactNecessity: Number(row.contact_necessity) } : {}),
    itemId: row.item_id,
    kind: row.kind,
    ...(row.reason ? { reason: row.reason } : {}),
    dueAt: row.due_at.toISOString(),
    ...details,
    ...(typeof contactPersonId === 'string' && row.person
      ? {
          person: {
            contactPersonId,
            name: row.person.name ?? '',
            phone: row.person.phones?.[0] ?? null,
          },
        }
      : {}),
    // the ПМ's threat links to its handover sheet (лист передачи)
    ...(row.kind === 'threat' && typeof details['threatId'] === 'string'
      ? {
          handoverSheet: `/api/v1/clients/${encodeURIComponent(row.client_id)}/handover-sheets/${encodeURIComponent(details['threatId'])}`,
        }
      : {}),
  };
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The КПП's daily planner (ежедневник) and the ПМ's queue: projections of work items. */
@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BUSINESS_TIME) private readonly businessTime: (ric: string) => BusinessTime,
    @Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'config'>,
  ) {}

  /** Everything on the planner by the end of `date` (default today), overdue first, by due time. */
  @Get('kpp/:employeeId')
  @ReadResponses({
    operationId: 'getKppPlanner',
    ok: KPP_PLANNER,
    forbidden: 'a КПП (without ROS or ADMIN) asking for another КПП’s planner',
    summary: 'The КПП’s daily planner (ежедневник)',
    okDescription:
      'items: clientId, clientName, itemId, kind, reason?, dueAt, contactNecessity, contactId? (use it as it ' +
      'is in /clients/{clientId}/contacts/{contactId}/…), attempts?, and person { contactPersonId, name, ' +
      'phone } — whom to call, read from the client’s contact persons when the planner is asked for',
  })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD, default today' })
  async kppPlanner(
    @Param('employeeId') employeeId: string,
    @Query('date') date: string | undefined,
    @CurrentCaller() caller: Caller,
  ) {
    if (hasRole(caller, 'KPP') && !hasRole(caller, 'ROS', 'ADMIN') && caller.employeeId !== employeeId) {
      throw new ForbiddenException({ error: 'a КПП sees only their own planner' });
    }
    const time = this.businessTime(caller.ric);
    if (date !== undefined && !isBusinessDate(date))
      throw invalidField('date', 'date must be a date YYYY-MM-DD');
    const day = date ?? time.dateOf(this.clock.now());
    const weekKind = weekKindOf(day, this.runtime.config.firstFullWeek);
    // In a diagnostic week only the clients failing a criterion are called [003]: their planned
    // contacts stay, and each comes with a diagnostic pick naming what it fails.
    const rows: ItemRow[] = await this.readModels.query(
      `SELECT ${ITEM_COLUMNS}, w.contact_necessity FROM ${ITEM_JOIN}
       WHERE w.ric = $1 AND w.assignee_role = 'KPP' AND w.assignee_id = $2 AND w.available_from < $3
         AND ($4 = 'full' OR w.kind <> 'planned_contact' OR w.fails_diagnostics)
       ORDER BY w.due_at, w.contact_necessity DESC, w.client_id, w.item_id`,
      [caller.ric, employeeId, time.endOfDay(day), weekKind],
    );
    const items = rows.map(toItem);
    if (weekKind === 'diagnostic') {
      const monday = mondayOf(day);
      const picks: Array<{
        client_id: string;
        name: string;
        diagnostic_failures: string[];
        contact_necessity: string;
      }> = await this.readModels.query(
        `SELECT client_id, name, diagnostic_failures, contact_necessity FROM rm_clients
         WHERE ric = $1 AND kpp_id = $2 AND lifecycle IN ('active', 'escalated') AND diagnostic_failures <> '[]'::jsonb
         ORDER BY client_id`,
        [caller.ric, employeeId],
      );
      const dueAt = time.startOfDay(monday).toISOString();
      items.unshift(
        ...picks.map((p) => ({
          clientId: p.client_id,
          clientName: p.name,
          contactNecessity: Number(p.contact_necessity),
          itemId: joinId('diagnostic_pick', monday),
          kind: 'diagnostic_pick',
          reason: p.diagnostic_failures.join(' '),
          dueAt,
          criteria: p.diagnostic_failures,
        })),
      );
      // the planner's order still holds: due time, then contact necessity, highest first
      items.sort(
        (a, b) =>
          byText(a.dueAt, b.dueAt) ||
          (b.contactNecessity ?? 0) - (a.contactNecessity ?? 0) ||
          byText(a.clientId, b.clientId),
      );
    }
    return { employeeId, date: day, weekKind, items };
  }

  @Get('pm/:employeeId')
  @ReadResponses({
    operationId: 'getPmQueue',
    ok: PM_QUEUE,
    summary: 'The ПМ’s queue',
    okDescription:
      'items: clientId, clientName, itemId, kind, reason?, dueAt, person? { contactPersonId, name, phone }; ' +
      'a threat also threatId and handoverSheet, the path of its handover sheet',
  })
  async pmQueue(@Param('employeeId') employeeId: string, @CurrentCaller() caller: Caller) {
    const rows: ItemRow[] = await this.readModels.query(
      `SELECT ${ITEM_COLUMNS} FROM ${ITEM_JOIN}
       WHERE w.ric = $1 AND w.assignee_role = 'PM' AND w.assignee_id = $2
       ORDER BY w.due_at, w.client_id, w.item_id`,
      [caller.ric, employeeId],
    );
    return { employeeId, items: rows.map(toItem) };
  }
}
