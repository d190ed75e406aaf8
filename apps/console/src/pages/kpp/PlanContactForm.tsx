import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { PLANNED_REASONS, UNPLANNED_REASONS, label } from '../../components/labels';
import { instantOf, localInputValue } from '../../components/time';
import { useSubmit } from '../../components/use-submit';

/** Plans a contact: planned (with its goal) or unplanned (with its reason), and when. */
export function PlanContactForm(props: { clientId: string; onDone: (position: string) => void }) {
  const [kind, setKind] = useState<'planned' | 'unplanned'>('unplanned');
  const [reason, setReason] = useState(UNPLANNED_REASONS[0]!);
  const [plannedAt, setPlannedAt] = useState(() => localInputValue(new Date()));
  const state = useSubmit(['kind', 'reason', 'plannedAt']);
  const reasons = kind === 'planned' ? PLANNED_REASONS : UNPLANNED_REASONS;
  return (
    <form
      class="card-form"
      aria-labelledby="plan-title"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<CommandAnswer>(
            api.POST('/api/v1/clients/{clientId}/contacts', {
              params: { path: { clientId: props.clientId } },
              body: { kind, reason, plannedAt: instantOf(plannedAt) },
            }),
          );
          props.onDone(answer.position);
          return 'Контакт запланирован.';
        });
      }}
    >
      <h3 id="plan-title">Запланировать контакт</h3>
      <Field id="plan-kind" label="Вид" error={state.fieldError('kind')}>
        <select
          {...describedBy('plan-kind', state.fieldError('kind'))}
          value={kind}
          onChange={(e) => {
            const next = e.currentTarget.value as 'planned' | 'unplanned';
            setKind(next);
            setReason((next === 'planned' ? PLANNED_REASONS : UNPLANNED_REASONS)[0]!);
          }}
        >
          <option value="planned">Плановый</option>
          <option value="unplanned">Внеплановый</option>
        </select>
      </Field>
      <Field
        id="plan-reason"
        label={kind === 'planned' ? 'Цель' : 'Причина'}
        error={state.fieldError('reason')}
      >
        <select
          {...describedBy('plan-reason', state.fieldError('reason'))}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        >
          {reasons.map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="plan-at" label="Когда" error={state.fieldError('plannedAt')}>
        <input
          {...describedBy('plan-at', state.fieldError('plannedAt'))}
          type="datetime-local"
          value={plannedAt}
          required
          onInput={(e) => setPlannedAt(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        Запланировать
      </button>
      <FormStatus state={state} />
    </form>
  );
}
