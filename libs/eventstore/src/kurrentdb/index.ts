export * from './kurrentdb-event-store';
export * from './mapping';
