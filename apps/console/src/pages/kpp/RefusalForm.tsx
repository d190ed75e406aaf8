import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { useSubmit } from '../../components/use-submit';

/** The client refuses to name a payment date (отказ назвать дату оплаты): the client goes to the ПМ. */
export function RefusalForm(props: { clientId: string; onDone: (position: string) => void }) {
  const [comment, setComment] = useState('');
  const state = useSubmit(['comment']);
  return (
    <form
      class="card-form"
      aria-labelledby="refusal-title"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<CommandAnswer>(
            api.POST('/api/v1/clients/{clientId}/payment-date-refusals', {
              params: { path: { clientId: props.clientId } },
              body: comment ? { comment } : {},
            }),
          );
          props.onDone(answer.position);
          return 'Отказ записан: клиент передаётся персональному менеджеру.';
        });
      }}
    >
      <h3 id="refusal-title">Отказ назвать дату оплаты</h3>
      <Field id="refusal-comment" label="Комментарий для ПМ" error={state.fieldError('comment')}>
        <textarea
          {...describedBy('refusal-comment', state.fieldError('comment'))}
          rows={2}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        Записать отказ
      </button>
      <FormStatus state={state} />
    </form>
  );
}
