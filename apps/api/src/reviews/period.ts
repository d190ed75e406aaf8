import type { BusinessTime } from '@ledger/domain';
import { invalidField } from '../http/errors';
import { isBusinessDate } from '../http/validation';

export interface PeriodQuery {
  from?: string;
  to?: string;
}

export interface Period {
  from: string | null;
  to: string | null;
  /** [start, end) in instants, by the РИЦ's business dates. */
  start: Date | null;
  end: Date | null;
}

/** from/to business dates (inclusive), checked; `required` makes both mandatory (400 naming the field). */
export function periodOf(
  query: PeriodQuery,
  required: boolean,
  time: Pick<BusinessTime, 'startOfDay' | 'endOfDay'>,
): Period {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value === undefined) {
      if (required) throw invalidField(field, `${field} is required (YYYY-MM-DD)`);
    } else if (!isBusinessDate(value)) throw invalidField(field, `${field} must be a date YYYY-MM-DD`);
  }
  if (query.from && query.to && query.from > query.to) throw invalidField('to', 'to must not be before from');
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    start: query.from ? time.startOfDay(query.from) : null,
    end: query.to ? time.endOfDay(query.to) : null,
  };
}
