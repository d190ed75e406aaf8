export * from './fixtures';
export * from './specification';
export * from './clients';
