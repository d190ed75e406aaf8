import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { CALL_OUTCOMES, label } from '../../components/labels';
import { instantOf, localInputValue } from '../../components/time';
import { useSubmit } from '../../components/use-submit';

/** A call attempt (попытка дозвона) on an open contact: outcome, duration, a callback in 15/30/60 min. */
export function AttemptForm(props: {
  clientId: string;
  contactId: string;
  onDone: (position: string) => void;
}) {
  const prefix = `attempt-${props.contactId}`;
  const [outcome, setOutcome] = useState('connected');
  const [occurredAt, setOccurredAt] = useState(() => localInputValue(new Date()));
  const [duration, setDuration] = useState('');
  const [callback, setCallback] = useState('');
  const state = useSubmit(['outcome', 'occurredAt', 'durationSec', 'callbackInMinutes']);
  return (
    <form
      class="card-form"
      aria-label="Попытка дозвона"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<CommandAnswer>(
            api.POST('/api/v1/clients/{clientId}/contacts/{contactId}/attempts', {
              params: { path: { clientId: props.clientId, contactId: props.contactId } },
              body: {
                outcome: outcome as 'connected',
                occurredAt: instantOf(occurredAt),
                ...(duration !== '' ? { durationSec: Number(duration) } : {}),
                ...(callback !== '' ? { callbackInMinutes: Number(callback) as 15 } : {}),
              },
            }),
          );
          props.onDone(answer.position);
          return 'Попытка записана.';
        });
      }}
    >
      <h4>Попытка дозвона</h4>
      <Field id={`${prefix}-outcome`} label="Результат" error={state.fieldError('outcome')}>
        <select
          {...describedBy(`${prefix}-outcome`, state.fieldError('outcome'))}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
        >
          {CALL_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {label(o)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-at`} label="Время звонка" error={state.fieldError('occurredAt')}>
        <input
          {...describedBy(`${prefix}-at`, state.fieldError('occurredAt'))}
          type="datetime-local"
          value={occurredAt}
          required
          onInput={(e) => setOccurredAt(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${prefix}-duration`} label="Длительность, с" error={state.fieldError('durationSec')}>
        <input
          {...describedBy(`${prefix}-duration`, state.fieldError('durationSec'))}
          type="number"
          inputMode="numeric"
          value={duration}
          onInput={(e) => setDuration(e.currentTarget.value)}
        />
      </Field>
      <Field
        id={`${prefix}-callback`}
        label="Перезвонить через"
        error={state.fieldError('callbackInMinutes')}
      >
        <select
          {...describedBy(`${prefix}-callback`, state.fieldError('callbackInMinutes'))}
          value={callback}
          onChange={(e) => setCallback(e.currentTarget.value)}
        >
          <option value="">не нужно</option>
          <option value="15">15 минут</option>
          <option value="30">30 минут</option>
          <option value="60">60 минут</option>
        </select>
      </Field>
      <button type="submit" disabled={state.busy}>
        Записать попытку
      </button>
      <FormStatus state={state} />
    </form>
  );
}
