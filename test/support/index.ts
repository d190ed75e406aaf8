export * from './database';
export * from './ledger';
export * from './history';
