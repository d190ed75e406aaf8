/**
 * Ids travel as one URL path segment (API.md): never a `/`. Ids the product generates join their
 * parts with a dot, e.g. the cadence's contact `planned.2026-03-02`.
 */
export const ID_SEPARATOR = '.';

export const joinId = (...parts: string[]): string => parts.join(ID_SEPARATOR);

/**
 * Ids written before they were path-safe (`planned/2026-03-02`, `promise/p1/due`) in today's form;
 * applied wherever an id is read from an event or a request, so old streams keep working.
 */
export const pathSafeId = (id: string): string => (id.includes('/') ? id.replaceAll('/', ID_SEPARATOR) : id);
