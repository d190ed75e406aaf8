import { normaliseSearch, searchTextOf } from './client-search';

describe('client search text', () => {
  it('lowercases Cyrillic and Latin and reads ё as е', () => {
    expect(normaliseSearch('ООО «Ёлочка» Ltd')).toBe('ооо «елочка» ltd');
    expect(normaliseSearch('БЕРЁЗА')).toBe(normaliseSearch('березА'));
  });

  it('holds the name and the ИНН, when there is one', () => {
    expect(searchTextOf('АО Берёза', '7701234567')).toBe('ао береза 7701234567');
    expect(searchTextOf('АО Берёза')).toBe('ао береза');
  });
});
