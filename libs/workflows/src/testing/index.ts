export * from './simulation';
export * from './fixtures';
