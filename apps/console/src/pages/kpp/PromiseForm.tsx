import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { useSubmit } from '../../components/use-submit';

/** A payment promise (обещание оплаты): the agreed day, whether to remind, amount and reminder day. */
export function PromiseForm(props: { clientId: string; onDone: (position: string) => void }) {
  const [promisedOn, setPromisedOn] = useState('');
  const [remind, setRemind] = useState(true);
  const [amount, setAmount] = useState('');
  const [remindOn, setRemindOn] = useState('');
  const state = useSubmit(['promisedOn', 'remind', 'amount', 'remindOn']);
  return (
    <form
      class="card-form"
      aria-labelledby="promise-title"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<CommandAnswer>(
            api.POST('/api/v1/clients/{clientId}/payment-promises', {
              params: { path: { clientId: props.clientId } },
              body: {
                promisedOn,
                remind,
                ...(amount !== '' ? { amount: Number(amount.replace(',', '.')) } : {}),
                ...(remindOn ? { remindOn } : {}),
              },
            }),
          );
          props.onDone(answer.position);
          return 'Обещание оплаты записано.';
        });
      }}
    >
      <h3 id="promise-title">Обещание оплаты</h3>
      <Field id="promise-on" label="Дата оплаты" error={state.fieldError('promisedOn')}>
        <input
          {...describedBy('promise-on', state.fieldError('promisedOn'))}
          type="date"
          value={promisedOn}
          required
          onInput={(e) => setPromisedOn(e.currentTarget.value)}
        />
      </Field>
      <Field id="promise-amount" label="Сумма, ₽ (необязательно)" error={state.fieldError('amount')}>
        <input
          {...describedBy('promise-amount', state.fieldError('amount'))}
          inputMode="decimal"
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </Field>
      <div class="field">
        <label class="check">
          <input type="checkbox" checked={remind} onChange={(e) => setRemind(e.currentTarget.checked)} />{' '}
          Напомнить клиенту
        </label>
        {state.fieldError('remind') && <p class="field-error">{state.fieldError('remind')}</p>}
      </div>
      <Field
        id="promise-remind-on"
        label="Дата напоминания (необязательно)"
        error={state.fieldError('remindOn')}
      >
        <input
          {...describedBy('promise-remind-on', state.fieldError('remindOn'))}
          type="date"
          value={remindOn}
          onInput={(e) => setRemindOn(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy}>
        Записать обещание
      </button>
      <FormStatus state={state} />
    </form>
  );
}
