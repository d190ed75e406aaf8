export * from './simulation';
export * from './on-remote-service';
export * from './fixtures';
