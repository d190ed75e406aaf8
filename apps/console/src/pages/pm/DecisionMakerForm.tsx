import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { useSubmit } from '../../components/use-submit';

/** The monthly decision-maker contact (контакт с ЛПР): the e-mail with top questions, then the call. */
export function DecisionMakerForm(props: { clientId: string; step: 'email' | 'call'; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const state = useSubmit(['step', 'comment']);
  const id = `dm-${props.clientId}-${props.step}`;
  return (
    <form
      class="card-form"
      aria-label={props.step === 'email' ? 'Письмо ЛПР' : 'Звонок ЛПР'}
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          await call(
            api.POST('/api/v1/clients/{clientId}/decision-maker-contacts', {
              params: { path: { clientId: props.clientId } },
              body: { step: props.step, ...(comment ? { comment } : {}) },
            }),
          );
          props.onDone();
          return props.step === 'email' ? 'Письмо ЛПР отмечено.' : 'Звонок ЛПР отмечен.';
        });
      }}
    >
      <Field
        id={`${id}-comment`}
        label="Комментарий"
        error={state.fieldError('comment') ?? state.fieldError('step')}
      >
        <textarea
          {...describedBy(`${id}-comment`, state.fieldError('comment'))}
          rows={2}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        {props.step === 'email' ? 'Письмо отправлено' : 'Звонок состоялся'}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
