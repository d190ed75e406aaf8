import { newPersonKey } from './cipher';
import { ERASED_NAME, openRecord, sealRecord } from './personal-fields';

const person = 'client-444-c-1/ivanova';
const record = {
  contactPersonId: 'ivanova',
  roles: ['key_user'],
  name: 'Иванова М. П.',
  phones: ['+7 978 123-45-67'],
  emails: ['m.ivanova@example.ru'],
};

describe('personal fields sealed per person', () => {
  const key = newPersonKey();

  it('seals the personal fields only, and opens them again with the key', () => {
    const sealed = sealRecord(record, key, person);
    expect(Object.keys(sealed).sort()).toEqual(['contactPersonId', 'personal', 'roles']);
    expect(JSON.stringify(sealed)).not.toMatch(/Иванова|123-45-67|example\.ru/);
    expect(openRecord(sealed, key, person)).toEqual(record);
  });

  it('shows the fields as erased without the key', () => {
    expect(openRecord(sealRecord(record, key, person), null, person)).toEqual({
      contactPersonId: 'ivanova',
      roles: ['key_user'],
      name: ERASED_NAME,
      phones: [],
      emails: [],
      erased: true,
    });
  });

  it('cannot be opened with another key or as another person', () => {
    const sealed = sealRecord(record, key, person);
    expect(() => openRecord(sealed, newPersonKey(), person)).toThrow();
    expect(() => openRecord(sealed, key, 'client-444-c-2/ivanova')).toThrow();
  });

  it('keeps only what is not personal of a person erased before the event was written', () => {
    expect(sealRecord({ contactPersonId: 'x', roles: [], phones: ['1'] }, null, person)).toEqual({
      contactPersonId: 'x',
      roles: [],
      phones: [],
      erased: true,
    });
  });
});
