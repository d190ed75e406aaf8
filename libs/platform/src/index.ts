export * from './config';
export * from './duration';
export * from './auth-secret';
export * from './embedded-postgres';
export * from './runtime';
export * from './database-errors';
export * from './database-password';
export * from './postgres-server';
