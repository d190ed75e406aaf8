import { CalendarYear, validateCalendarYear } from './production-calendar';
import ru2025 from './data/ru-2025.json';
import ru2026 from './data/ru-2026.json';
import ru2027 from './data/ru-2027.json';

/** The years shipped with the code (an operator adds or replaces years with files, see load-calendar). */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = [
  validateCalendarYear(ru2025, 'ru-2025.json'),
  validateCalendarYear(ru2026, 'ru-2026.json'),
  validateCalendarYear(ru2027, 'ru-2027.json'),
];
