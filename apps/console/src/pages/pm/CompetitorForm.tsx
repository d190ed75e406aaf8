import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { useSubmit } from '../../components/use-submit';

/** The half-yearly competitor diagnostics (диагностика конкурентов): is a competitor's system used, which. */
export function CompetitorForm(props: { clientId: string; onDone: () => void }) {
  const [competitor, setCompetitor] = useState<'yes' | 'no' | 'unknown'>('no');
  const [systems, setSystems] = useState('');
  const [comment, setComment] = useState('');
  const state = useSubmit(['competitor', 'competitors', 'comment']);
  const id = `competitor-${props.clientId}`;
  return (
    <form
      class="card-form"
      aria-label="Диагностика конкурентов"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          await call(
            api.POST('/api/v1/clients/{clientId}/competitor-diagnostics', {
              params: { path: { clientId: props.clientId } },
              body: {
                competitor,
                competitors: systems
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
                ...(comment ? { comment } : {}),
              },
            }),
          );
          props.onDone();
          return 'Диагностика записана.';
        });
      }}
    >
      <Field id={`${id}-answer`} label="Есть система конкурента?" error={state.fieldError('competitor')}>
        <select
          {...describedBy(`${id}-answer`, state.fieldError('competitor'))}
          value={competitor}
          onChange={(e) => setCompetitor(e.currentTarget.value as 'no')}
        >
          <option value="no">Нет</option>
          <option value="yes">Да</option>
          <option value="unknown">Неизвестно</option>
        </select>
      </Field>
      <Field
        id={`${id}-systems`}
        label="Какие системы (через запятую)"
        error={state.fieldError('competitors')}
      >
        <input
          {...describedBy(`${id}-systems`, state.fieldError('competitors'))}
          value={systems}
          onInput={(e) => setSystems(e.currentTarget.value)}
        />
      </Field>
      <Field id={`${id}-comment`} label="Комментарий" error={state.fieldError('comment')}>
        <textarea
          {...describedBy(`${id}-comment`, state.fieldError('comment'))}
          rows={2}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        Записать диагностику
      </button>
      <FormStatus state={state} />
    </form>
  );
}
