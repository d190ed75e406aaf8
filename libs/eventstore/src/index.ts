export * from './event-store';
export * from './postgres/postgres-event-store';
export * from './kurrentdb';
export * from './upcasting';
