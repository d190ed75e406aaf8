export * from './fixtures';
export * from './specification';
export * from './clients';
export * from './necessity-table';
export * from './business-events';
