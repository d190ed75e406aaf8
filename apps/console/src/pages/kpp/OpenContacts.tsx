import type { ClientCard } from '../../api/types';
import { formatDateTime, label } from '../../components/labels';
import { AttemptForm } from './AttemptForm';
import { CloseContactForm } from './CloseContactForm';

/** The client's open contacts, each with its attempt and closing forms. */
export function OpenContacts(props: {
  card: ClientCard;
  writes: boolean;
  onDone: (position: string) => void;
}) {
  const { card } = props;
  return (
    <>
      <h2>Открытые контакты</h2>
      {card.openContacts.length === 0 && <p>Открытых контактов нет.</p>}
      {card.openContacts.map((contact) => (
        <article
          key={contact.contactId}
          id={`contact-${contact.contactId}`}
          class="contact"
          aria-labelledby={`contact-${contact.contactId}-title`}
        >
          <h3 id={`contact-${contact.contactId}-title`} tabIndex={-1}>
            {contact.kind === 'planned' ? 'Плановый' : 'Внеплановый'}: {label(contact.reason)} ·{' '}
            {formatDateTime(contact.plannedAt)}
          </h3>
          <p class="muted">
            Попыток: {contact.attempts}
            {contact.lastOutcome && <> · последняя: {label(contact.lastOutcome)}</>}
            {contact.callbackAt && <> · перезвонить в {formatDateTime(contact.callbackAt)}</>}
          </p>
          {props.writes && (
            <div class="forms">
              <AttemptForm clientId={card.clientId} contactId={contact.contactId} onDone={props.onDone} />
              <CloseContactForm
                clientId={card.clientId}
                contactId={contact.contactId}
                onDone={props.onDone}
              />
            </div>
          )}
        </article>
      ))}
    </>
  );
}
