import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { CLOSING_REASONS, label } from '../../components/labels';
import { useSubmit } from '../../components/use-submit';

/** Stages 2–7 of the work (stage 1, приём клиента в отдел, is the ПМ's, once). */
const STAGES = [2, 3, 4, 5, 6, 7];

/** Closing a contact: the closing reason, the stages worked, the instruments used (comma-separated). */
export function CloseContactForm(props: {
  clientId: string;
  contactId: string;
  onDone: (position: string) => void;
}) {
  const prefix = `close-${props.contactId}`;
  const [reason, setReason] = useState('stage_2');
  const [stages, setStages] = useState<number[]>([]);
  const [instruments, setInstruments] = useState('');
  const state = useSubmit(['closingReason', 'stages', 'instrumentsUsed']);
  const toggle = (stage: number) =>
    setStages((now) =>
      now.includes(stage) ? now.filter((s) => s !== stage) : [...now, stage].sort((a, b) => a - b),
    );
  return (
    <form
      class="card-form"
      aria-label="Закрытие контакта"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<CommandAnswer>(
            api.POST('/api/v1/clients/{clientId}/contacts/{contactId}/close', {
              params: { path: { clientId: props.clientId, contactId: props.contactId } },
              body: {
                closingReason: reason,
                stages,
                instrumentsUsed: instruments
                  .split(',')
                  .map((i) => i.trim())
                  .filter(Boolean),
              },
            }),
          );
          props.onDone(answer.position);
          return 'Контакт закрыт.';
        });
      }}
    >
      <h4>Закрыть контакт</h4>
      <Field id={`${prefix}-reason`} label="Причина закрытия" error={state.fieldError('closingReason')}>
        <select
          {...describedBy(`${prefix}-reason`, state.fieldError('closingReason'))}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        >
          {CLOSING_REASONS.map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset aria-describedby={state.fieldError('stages') ? `${prefix}-stages-error` : undefined}>
        <legend>Этапы работы</legend>
        {STAGES.map((stage) => (
          <label key={stage} class="check">
            <input type="checkbox" checked={stages.includes(stage)} onChange={() => toggle(stage)} /> {stage}
          </label>
        ))}
        {state.fieldError('stages') && (
          <p class="field-error" id={`${prefix}-stages-error`}>
            {state.fieldError('stages')}
          </p>
        )}
      </fieldset>
      <Field
        id={`${prefix}-instruments`}
        label="Использованные инструменты"
        hint="через запятую, например: functional_card, video_consultant"
        error={state.fieldError('instrumentsUsed')}
      >
        <input
          {...describedBy(`${prefix}-instruments`, state.fieldError('instrumentsUsed'))}
          value={instruments}
          onInput={(e) => setInstruments(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        Закрыть контакт
      </button>
      <FormStatus state={state} />
    </form>
  );
}
