export * from './database';
export * from './ledger';
