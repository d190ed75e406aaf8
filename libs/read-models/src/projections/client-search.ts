/**
 * The one normalisation of client search (GET /clients?q=): lowercase, ё → е, so «Ёлка» and «елка»
 * find each other. The projection stores it for name and ИНН; the query applies it to `q`.
 */
export const normaliseSearch = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

export const searchTextOf = (name: string, inn?: string): string =>
  normaliseSearch(inn ? `${name} ${inn}` : name);
