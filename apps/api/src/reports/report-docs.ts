import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

const common = [
  ApiQuery({ name: 'employeeId', required: false, description: 'only this employee’s clients or work' }),
  ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] }),
];

/** `from`, `to` (inclusive), `employeeId`, `format`. */
export const PeriodQuery = (...more: MethodDecorator[]) =>
  applyDecorators(
    ApiQuery({
      name: 'from',
      required: false,
      description: 'YYYY-MM-DD, default the first day of to’s month',
    }),
    ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD, default today' }),
    ...common,
    ...more,
  );

/** `date` (default today), `employeeId`, `format`. */
export const SnapshotQuery = () =>
  applyDecorators(
    ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD, default today' }),
    ...common,
  );
