/**
 * A command refused by a business rule. `rule` is a stable code clients may branch on
 * (API.md: 409 `{ error, rule }`); `kind` says which HTTP answer fits.
 */
export type RefusalKind = 'conflict' | 'forbidden' | 'not_found';

export class DomainError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly kind: RefusalKind = 'conflict',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const refuse = (rule: string, message: string, kind: RefusalKind = 'conflict'): never => {
  throw new DomainError(rule, message, kind);
};
