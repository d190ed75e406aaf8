export * from './config';
export * from './auth-secret';
export * from './embedded-postgres';
export * from './runtime';
export * from './database-sessions';
export * from './personal-data';
