import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { Link } from '../../components/Link';
import { useSubmit } from '../../components/use-submit';
import { when } from './event-labels';
import type { AuditSample as Sample } from './types';

/**
 * The audit sample (GET /reports/audit-sample): about 20 % of each КПП's connected calls per week,
 * the same for the same period and key. Each drawn call opens the client's timeline and review form.
 */
export function AuditSample(props: { today: string }) {
  const [from, setFrom] = useState(`${props.today.slice(0, 7)}-01`);
  const [to, setTo] = useState(props.today);
  const [seed, setSeed] = useState('');
  const [sample, setSample] = useState<Sample | null>(null);
  const state = useSubmit(['from', 'to', 'seed']);
  return (
    <section aria-labelledby="sample-title">
      <h2 id="sample-title">Выборка звонков для аудита</h2>
      <form
        class="toolbar"
        aria-labelledby="sample-title"
        onSubmit={(event) => {
          event.preventDefault();
          void state.submit(async () => {
            const answer = await call<Sample>(
              api.GET('/api/v1/reports/audit-sample', {
                params: { query: { from, to, ...(seed ? { seed } : {}) } },
              }),
            );
            setSample(answer);
            return `Выбрано звонков: ${answer.items.length} из ${answer.connectedCalls}.`;
          });
        }}
      >
        <Field id="sample-from" label="С" error={state.fieldError('from')}>
          <input
            {...describedBy('sample-from', state.fieldError('from'))}
            type="date"
            value={from}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
        </Field>
        <Field id="sample-to" label="По" error={state.fieldError('to')}>
          <input
            {...describedBy('sample-to', state.fieldError('to'))}
            type="date"
            value={to}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
        </Field>
        <Field id="sample-seed" label="Ключ выборки" error={state.fieldError('seed')}>
          <input
            {...describedBy('sample-seed', state.fieldError('seed'))}
            value={seed}
            placeholder="например, march"
            onInput={(e) => setSeed(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" disabled={state.busy}>
          Выбрать звонки
        </button>
      </form>
      <FormStatus state={state} />
      {sample && sample.items.length > 0 && (
        <table class="report">
          <caption>
            Выборка {sample.from} — {sample.to}: {sample.items.length} из {sample.connectedCalls} (доля{' '}
            {Math.round(sample.share * 100)} %, цель {Math.round(sample.target * 100)} %)
          </caption>
          <thead>
            <tr>
              <th scope="col">КПП</th>
              <th scope="col">Клиент</th>
              <th scope="col">Звонок</th>
              <th scope="col">Контакт</th>
            </tr>
          </thead>
          <tbody>
            {sample.items.map((c) => (
              <tr key={c.contactId}>
                <td>{c.employeeId}</td>
                <td>
                  <Link
                    href={`/console/auditor?client=${encodeURIComponent(c.clientId)}&contact=${encodeURIComponent(c.contactId)}`}
                  >
                    Клиент {c.clientId}
                  </Link>
                </td>
                <td>{when(c.occurredAt)}</td>
                <td>
                  <code>{c.contactId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
