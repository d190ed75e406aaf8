import { useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { describedBy, Field } from '../../components/Field';
import { FormStatus } from '../../components/FormStatus';
import { useSubmit } from '../../components/use-submit';
import type { Checklist } from './types';

const SCORES: Array<[number, string]> = [
  [0, '0 — не выполнено'],
  [1, '1 — частично'],
  [2, '2 — выполнено'],
];

/**
 * A review of one connected call against the [004] checklist (POST …/contacts/{id}/reviews): the
 * sheet, every item scored 0–2, a comment. The API checks it; its 400 details (`scores.<code>`,
 * `sheet`) stand next to the item they name, a 409 rule above the button.
 */
export function ReviewForm(props: {
  clientId: string;
  contactId: string;
  /** connected contacts of the client, to pick from */
  contacts: string[];
  checklists: Checklist[];
  onReviewed: () => void;
}) {
  const [contactId, setContactId] = useState(props.contactId);
  const [sheet, setSheet] = useState(props.checklists[0]?.sheet ?? '');
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const checklist = props.checklists.find((c) => c.sheet === sheet);
  const codes = checklist?.items.map((i) => i.code) ?? [];
  const state = useSubmit(['contactId', 'sheet', 'comment', ...codes.map((c) => `scores.${c}`)]);
  const contacts =
    props.contacts.includes(contactId) || !contactId ? props.contacts : [contactId, ...props.contacts];
  return (
    <form
      aria-labelledby="review-title"
      class="review-form"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await call<{ reviewId: string }>(
            api.POST('/api/v1/clients/{clientId}/contacts/{contactId}/reviews', {
              params: { path: { clientId: props.clientId, contactId } },
              // only the items scored: a missing one is the API's 400 naming it
              body: { sheet: sheet as never, scores: scores as never, ...(comment ? { comment } : {}) },
            }),
          );
          props.onReviewed();
          return `Оценка записана (${answer.reviewId}).`;
        });
      }}
    >
      <h2 id="review-title">Оценка звонка по чек-листу</h2>
      <Field id="review-contact" label="Контакт" error={state.fieldError('contactId')}>
        <select
          {...describedBy('review-contact', state.fieldError('contactId'))}
          value={contactId}
          required
          onChange={(e) => setContactId(e.currentTarget.value)}
        >
          <option value="">— выберите состоявшийся звонок —</option>
          {contacts.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field id="review-sheet" label="Лист чек-листа" error={state.fieldError('sheet')}>
        <select
          {...describedBy('review-sheet', state.fieldError('sheet'))}
          value={sheet}
          onChange={(e) => {
            setSheet(e.currentTarget.value);
            setScores({});
          }}
        >
          {props.checklists.map((c) => (
            <option key={c.sheet} value={c.sheet}>
              {c.title}
            </option>
          ))}
        </select>
      </Field>
      {checklist?.items.map((item, n) => {
        const error = state.fieldError(`scores.${item.code}`);
        const id = `score-${item.code}`;
        return (
          <fieldset
            key={item.code}
            class={error ? 'score field-invalid' : 'score'}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <legend>
              {n + 1}. {item.text}
            </legend>
            {SCORES.map(([value, text]) => (
              <label class="check" key={value}>
                <input
                  type="radio"
                  name={id}
                  value={value}
                  checked={scores[item.code] === value}
                  aria-invalid={error ? 'true' : undefined}
                  onChange={() => setScores({ ...scores, [item.code]: value })}
                />
                {text}
              </label>
            ))}
            {error && (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            )}
          </fieldset>
        );
      })}
      <Field id="review-comment" label="Комментарий" error={state.fieldError('comment')}>
        <textarea
          {...describedBy('review-comment', state.fieldError('comment'))}
          rows={3}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" disabled={state.busy || !contactId}>
        Записать оценку
      </button>
      <FormStatus state={state} />
    </form>
  );
}
