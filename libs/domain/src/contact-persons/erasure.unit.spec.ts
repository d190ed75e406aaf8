import { decide } from '../client/decide';
import { foldClient } from '../client/evolve';
import type { ClientEvent } from '../client/events';
import { ACTORS, registered, specification } from '@ledger/domain/testing';
import type { Actor } from '../shared/roles';
import type { EraseContactPerson } from './commands';

const given = specification(decide);
const admin: Actor = { id: 'admin-1', role: 'ADMIN' };
const added: ClientEvent = {
  type: 'ContactPersonAdded',
  data: {
    contactPersonId: 'ivanova',
    name: 'Иванова М. П.',
    roles: ['key_user'],
    phones: ['+7 978 123-45-67'],
    emails: ['m.ivanova@example.ru'],
    interests: ['(Бух) Зарплатные вопросы'],
    position: 'Главный бухгалтер',
  },
};
const erased: ClientEvent = {
  type: 'ContactPersonErased',
  data: { contactPersonId: 'ivanova', reason: 'заявление' },
};
const erase: EraseContactPerson = {
  type: 'EraseContactPerson',
  contactPersonId: 'ivanova',
  reason: 'заявление',
};

describe('contact persons: erasure on request (152-ФЗ)', () => {
  it('records the erasure with its reason', () => {
    given(registered(), added)
      .when(erase, { actor: admin })
      .then([{ type: 'ContactPersonErased', data: { contactPersonId: 'ivanova', reason: 'заявление' } }]);
  });

  it('leaves the person in the state with the roles and nothing personal', () => {
    const state = foldClient(
      [registered(), added, erased].map((e, i) => ({
        ...e,
        metadata: { eventId: `h${i}`, occurredAt: '2026-03-02T09:00:00Z' },
      })),
    );
    expect(state.status === 'registered' && state.contactPersons.ivanova).toEqual({
      contactPersonId: 'ivanova',
      name: 'удалено по 152-ФЗ',
      roles: ['key_user'],
      phones: [],
      emails: [],
      interests: [],
      erased: true,
    });
  });

  it.each([
    ['РОС', ACTORS.ros],
    ['a КПП', ACTORS.kpp],
    ['a ПМ', ACTORS.pm],
  ])('is for ADMIN only: %s may not', (_who, actor) => {
    given(registered(), added).when(erase, { actor }).thenRefused('not_allowed_erasure', 'forbidden');
  });

  it('refuses an unknown person (404) and a second erasure', () => {
    given(registered()).when(erase, { actor: admin }).thenRefused('contact_person_not_found', 'not_found');
    given(registered(), added, erased).when(erase, { actor: admin }).thenRefused('contact_person_erased');
  });

  it('refuses to write new details of an erased person', () => {
    given(registered(), added, erased)
      .when(
        { type: 'ChangeContactPerson', contactPersonId: 'ivanova', phones: ['+7 900'] },
        { actor: ACTORS.kpp },
      )
      .thenRefused('contact_person_erased');
  });
});
