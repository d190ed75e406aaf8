export * from './config';
export * from './duration';
export * from './auth-secret';
export * from './embedded-postgres';
export * from './runtime';
