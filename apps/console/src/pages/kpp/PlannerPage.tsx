import { api, call } from '../../api/client';
import { hasRole } from '../../api/session';
import type { Planner } from '../../api/types';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import { navigate } from '../../router';
import type { PageProps } from '../page-props';
import { PlannerTable } from './PlannerTable';

/** The calendar day `days` after a YYYY-MM-DD date. */
const addDays = (date: string, days: number): string => {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};

/** The КПП's daily planner (ежедневник): everything due by the end of the chosen day. */
export function PlannerPage(props: PageProps) {
  const { session, query } = props;
  // РОС and the administrator look at any КПП's planner; a КПП sees only their own
  const canPick = hasRole(session, 'ROS', 'ADMIN');
  const employeeId = (canPick && query.get('employee')) || session.employeeId;
  const date = query.get('date') ?? undefined;
  const planner = useLoad(
    () =>
      call<Planner>(
        api.GET('/api/v1/queues/kpp/{employeeId}', {
          params: { path: { employeeId }, query: date ? { date } : {} },
        }),
      ),
    [employeeId, date],
  );
  const go = (next: { date?: string; employee?: string }) => {
    const params = new URLSearchParams();
    const employee = next.employee ?? (canPick ? employeeId : undefined);
    if (employee && employee !== session.employeeId) params.set('employee', employee);
    if (next.date) params.set('date', next.date);
    navigate(`/console/kpp${params.size ? `?${params}` : ''}`);
  };
  const shown = planner.data;
  return (
    <section aria-labelledby="planner-title">
      <h1 id="planner-title">Ежедневник {employeeId}</h1>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="planner-date">День</label>
          <input
            id="planner-date"
            type="date"
            value={date ?? shown?.date ?? ''}
            onChange={(e) => e.currentTarget.value && go({ date: e.currentTarget.value })}
          />
        </div>
        {shown && (
          <>
            <button type="button" onClick={() => go({ date: addDays(shown.date, -1) })}>
              ← Предыдущий день
            </button>
            <button type="button" onClick={() => go({ date: addDays(shown.date, 1) })}>
              Следующий день →
            </button>
          </>
        )}
        <button type="button" onClick={() => go({})}>
          Сегодня
        </button>
        {canPick && (
          <div class="field">
            <label for="planner-employee">КПП</label>
            <input
              id="planner-employee"
              value={employeeId}
              onChange={(e) => go({ employee: e.currentTarget.value, date })}
            />
          </div>
        )}
        {shown && (
          <p class="muted">
            {shown.weekKind === 'diagnostic' ? 'Диагностическая неделя' : 'Полная неделя'} · задач:{' '}
            {shown.items.length}
          </p>
        )}
      </form>
      <Loading error={planner.error} loading={planner.loading && !shown}>
        {shown && <PlannerTable planner={shown} />}
      </Loading>
    </section>
  );
}
