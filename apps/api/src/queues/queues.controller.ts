import { Controller, ForbiddenException, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BusinessTime } from '@ledger/domain';
import { CLOCK, Clock } from '@ledger/application';
import { Caller, CurrentCaller, hasRole } from '../auth/auth';
import { invalidField } from '../http/errors';
import { isBusinessDate } from '../http/validation';
import { BUSINESS_TIME } from '../tokens';

interface ItemRow {
  client_id: string;
  item_id: string;
  kind: string;
  reason: string | null;
  due_at: Date;
  details: Record<string, unknown>;
}

const toItem = (row: ItemRow) => ({
  clientId: row.client_id,
  itemId: row.item_id,
  kind: row.kind,
  ...(row.reason ? { reason: row.reason } : {}),
  dueAt: row.due_at.toISOString(),
  ...row.details,
});

/** The КПП's daily planner (ежедневник) and the ПМ's queue: projections of work items. */
@ApiTags('queues')
@ApiBearerAuth()
@Controller('queues')
export class QueuesController {
  constructor(
    private readonly readModels: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BUSINESS_TIME) private readonly businessTime: (ric: string) => BusinessTime,
  ) {}

  /** Everything on the planner by the end of `date` (default today), overdue first, by due time. */
  @Get('kpp/:employeeId')
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
    const rows: ItemRow[] = await this.readModels.query(
      `SELECT client_id, item_id, kind, reason, due_at, details FROM rm_work_items
       WHERE ric = $1 AND assignee_role = 'KPP' AND assignee_id = $2 AND available_from < $3
       ORDER BY due_at, client_id, item_id`,
      [caller.ric, employeeId, time.endOfDay(day)],
    );
    return { employeeId, date: day, items: rows.map(toItem) };
  }

  @Get('pm/:employeeId')
  async pmQueue(@Param('employeeId') employeeId: string, @CurrentCaller() caller: Caller) {
    const rows: ItemRow[] = await this.readModels.query(
      `SELECT client_id, item_id, kind, reason, due_at, details FROM rm_work_items
       WHERE ric = $1 AND assignee_role = 'PM' AND assignee_id = $2
       ORDER BY due_at, client_id, item_id`,
      [caller.ric, employeeId],
    );
    return { employeeId, items: rows.map(toItem) };
  }
}
